// The figures of the engine and its store, read when Prometheus scrapes /metrics rather than
// kept up to date: rasoat_serving, tablets silent for longer than the operator's threshold, the
// publish backlog, its oldest entry's age and the dead letters, the audit chain's length, the
// data directory's size and free space, the newest backup's age, and RocksDB's (store/store.h
// StoreFigures). Each scrape costs a few property reads, one listing of the devices and one walk of
// the data directory.
//
// Thread-safety: Collect may be called from any thread; the engine is thread-safe.
#pragma once

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "sync/engine.h"
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
  Engine* const engine_;  // not owned
  const EngineMetricsOptions options_;
};

}  // namespace rasoat
