// The figures of the engine and its store, read when Prometheus scrapes /metrics rather than
// kept up to date: rasoat_serving, tablets silent for longer than the operator's threshold, the
// publish backlog, its oldest entry's age and the dead letters, the audit chain's length, the
// data directory's size and free space, the newest backup's age, and RocksDB's (store/store.h
// StoreFigures). Each scrape costs a few property reads, one listing of the devices and one walk of
// the data directory. The households by review status and procedure step and their open
// conflicts (store/household_tally.h) read every head, so they are tallied again only once the
// last tally is 20 times as old as it took: at most 5 % of a core, fresh at every scrape for a
// commune, a few tens of seconds old for a province.
//
// Thread-safety: Collect may be called from any thread (scrapes are serialized on the tally's
// mutex only while one tallies); the engine is thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/time/time.h"
#include "sync/base/mutex.h"
#include "sync/engine.h"
#include "sync/store/household_tally.h"
#include "sync/store/store_backups.h"
#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

namespace rasoat {

struct EngineMetricsOptions {
  // rasoatd's --data_dir: its size and the free space of its file system.
  std::string data_dir;
  // A tablet not seen for longer than this is counted in rasoat_devices_silent.
  absl::Duration device_silent = absl::Hours(24 * 7);
  // If set, rasoat_backup_age_seconds: since the newest backup in its directory.
  const StoreBackups* backups = nullptr;
};

class EngineMetrics final : public prometheus::Collectable {
 public:
  // `engine` is not owned and must outlive this.
  EngineMetrics(Engine* engine, EngineMetricsOptions options)
      : engine_(engine), options_(std::move(options)) {}

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  // rasoat_households and rasoat_open_conflicts, from the tally, tallied again if it is due.
  void CollectHouseholds(std::vector<prometheus::MetricFamily>* families) const;

  Engine* const engine_;  // not owned
  const EngineMetricsOptions options_;
  mutable Mutex tally_mu_;
  mutable std::map<std::string, RoundTally> tally_ ABSL_GUARDED_BY(tally_mu_);
  mutable absl::Time tallied_at_ ABSL_GUARDED_BY(tally_mu_) = absl::InfinitePast();
  mutable absl::Duration tally_took_ ABSL_GUARDED_BY(tally_mu_);
};

}  // namespace rasoat
