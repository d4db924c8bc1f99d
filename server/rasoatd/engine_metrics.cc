#include "server/rasoatd/engine_metrics.h"

#include <cstdint>
#include <filesystem>
#include <system_error>
#include <utility>

#include "rasoat/v1/admin.pb.h"
#include <sys/statvfs.h>

namespace rasoat {
namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

MetricFamily Gauge(const char* name, const char* help, double value) {
  MetricFamily family{name, help, MetricType::Gauge, {}};
  family.metric.emplace_back().gauge.value = value;
  return family;
}

MetricFamily Counter(const char* name, const char* help, double value) {
  MetricFamily family{name, help, MetricType::Counter, {}};
  family.metric.emplace_back().counter.value = value;
  return family;
}

// The bytes of the files under `dir`; files that vanish meanwhile (compaction) are skipped.
uint64_t DirectoryBytes(const std::string& dir) {
  uint64_t bytes = 0;
  std::error_code error;
  for (std::filesystem::recursive_directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error)) {
    std::error_code size_error;
    if (it->is_regular_file(size_error)) {
      const uintmax_t size = it->file_size(size_error);
      if (!size_error) bytes += size;
    }
  }
  return bytes;
}

}  // namespace

void EngineMetrics::CollectHouseholds(std::vector<MetricFamily>* families) const {
  MutexLock lock(&tally_mu_);
  const absl::Time now = absl::Now();
  if (now - tallied_at_ >= 20 * tally_took_) {
    absl::StatusOr<std::map<std::string, RoundTally>> tally = TallyHouseholds(engine_->store());
    if (!tally.ok()) return;  // the store cannot be read: rasoat_serving says so
    tally_ = *std::move(tally);
    tallied_at_ = now;
    tally_took_ = absl::Now() - now;
  }
  MetricFamily households{
      "rasoat_households", "Households, per round, by review status.", MetricType::Gauge, {}};
  MetricFamily by_step{"rasoat_households_by_procedure_step",
                       "Households, per round, by the step of the procedure they reached.",
                       MetricType::Gauge,
                       {}};
  MetricFamily conflicts{"rasoat_open_conflicts",
                         "Conflicting fields waiting for a reviewer, per round.",
                         MetricType::Gauge,
                         {}};
  for (const auto& [round_id, round] : tally_) {
    for (const auto& [status, count] : round.by_status) {
      ClientMetric& metric = households.metric.emplace_back();
      metric.label = {{"round", round_id}, {"review_status", v1::ReviewStatus_Name(status)}};
      metric.gauge.value = static_cast<double>(count);
    }
    for (const auto& [step, count] : round.by_step) {
      ClientMetric& metric = by_step.metric.emplace_back();
      metric.label = {{"round", round_id}, {"procedure_step", v1::ProcedureStep_Name(step)}};
      metric.gauge.value = static_cast<double>(count);
    }
    ClientMetric& open = conflicts.metric.emplace_back();
    open.label = {{"round", round_id}};
    open.gauge.value = static_cast<double>(round.open_conflicts);
  }
  families->push_back(std::move(households));
  families->push_back(std::move(by_step));
  families->push_back(std::move(conflicts));
}

std::vector<MetricFamily> EngineMetrics::Collect() const {
  std::vector<MetricFamily> families;
  families.push_back(Gauge("rasoat_serving",
                           "1 while the store can write (health SERVING), 0 while it cannot.",
                           engine_->write_health().writable() ? 1 : 0));

  // Tablets enrolled, not revoked, and not seen (or, never seen, enrolled) for too long.
  v1::ListDevicesResponse devices;
  if (engine_->identity().ListDevices(v1::ListDevicesRequest(), &devices).ok()) {
    const int64_t before = absl::ToUnixMicros(absl::Now() - options_.device_silent);
    int silent = 0;
    for (const v1::Device& device : devices.devices()) {
      if (device.revoked()) continue;
      const int64_t last = device.last_seen_unix_micros() != 0 ? device.last_seen_unix_micros()
                                                               : device.enrolled_at_unix_micros();
      if (last < before) ++silent;
    }
    families.push_back(Gauge("rasoat_devices_silent",
                             "Enrolled tablets not seen for longer than --device_silent_days.",
                             silent));
  }

  const v1::GetPublishStatusResponse publish = engine_->publisher().Status();
  families.push_back(Gauge("rasoat_publish_backlog",
                           "Recognised households waiting to be published to the program store.",
                           static_cast<double>(publish.backlog())));
  families.push_back(Gauge("rasoat_publish_oldest_pending_seconds",
                           "Age of the oldest household waiting to be published; 0 if none.",
                           publish.oldest_pending_age_seconds()));
  families.push_back(Gauge("rasoat_dead_letters",
                           "Households the program store refused for good, until retried.",
                           static_cast<double>(publish.dead_letter_count())));
  families.push_back(Counter("rasoat_audit_chain_length", "Entries in the audit log.",
                             static_cast<double>(engine_->audit().Head().seq)));
  CollectHouseholds(&families);

  if (options_.backups != nullptr) {
    absl::StatusOr<std::vector<BackupSummary>> backups = options_.backups->ListBackups();
    if (backups.ok() && !backups->empty()) {
      families.push_back(Gauge(
          "rasoat_backup_age_seconds", "Seconds since the newest backup in --backup_dir began.",
          absl::ToDoubleSeconds(absl::Now() -
                                absl::FromUnixSeconds(backups->back().created_unix_seconds))));
    }
  }

  const std::string& dir = options_.data_dir;
  families.push_back(Gauge("rasoat_data_dir_size_bytes",
                           "Bytes of the files in the data directory.",
                           static_cast<double>(DirectoryBytes(dir))));
  struct statvfs space;
  if (statvfs(dir.c_str(), &space) == 0) {
    families.push_back(Gauge("rasoat_data_dir_available_bytes",
                             "Bytes free to rasoatd on the data directory's file system.",
                             static_cast<double>(space.f_bavail) * space.f_frsize));
  }

  const StoreFigures store = engine_->store().Figures();
  families.push_back(Gauge("rasoat_rocksdb_write_stopped",
                           "1 while RocksDB stops writes (compaction or flushes far behind).",
                           store.write_stopped ? 1 : 0));
  families.push_back(Gauge("rasoat_rocksdb_delayed_write_rate",
                           "Bytes per second RocksDB slows writes to; 0 while it does not.",
                           static_cast<double>(store.delayed_write_rate)));
  families.push_back(Gauge("rasoat_rocksdb_pending_compaction_bytes",
                           "Bytes RocksDB estimates compaction must still rewrite.",
                           static_cast<double>(store.pending_compaction_bytes)));
  families.push_back(Gauge("rasoat_rocksdb_memtable_bytes", "Bytes of RocksDB's memtables.",
                           static_cast<double>(store.memtable_bytes)));
  families.push_back(Gauge("rasoat_rocksdb_block_cache_bytes",
                           "Bytes held in RocksDB's block cache.",
                           static_cast<double>(store.block_cache_bytes)));
  MetricFamily sst{
      "rasoat_rocksdb_sst_bytes", "Bytes of SST files, per column family.", MetricType::Gauge, {}};
  for (const auto& [family, bytes] : store.sst_bytes) {
    ClientMetric& metric = sst.metric.emplace_back();
    metric.label.push_back({"column_family", family});
    metric.gauge.value = static_cast<double>(bytes);
  }
  families.push_back(std::move(sst));
  MetricFamily wal{"rasoat_rocksdb_wal_sync_seconds",
                   "fsyncs of RocksDB's write-ahead log: how many, their time together, the "
                   "99th percentile.",
                   MetricType::Summary,
                   {}};
  ClientMetric& syncs = wal.metric.emplace_back();
  syncs.summary.sample_count = store.wal_syncs;
  syncs.summary.sample_sum = store.wal_sync_seconds;
  syncs.summary.quantile.push_back({0.99, store.wal_sync_p99_seconds});
  families.push_back(std::move(wal));
  return families;
}

}  // namespace rasoat
