// The /metrics page: every family of the collectables given, in Prometheus' text exposition
// format (prometheus-cpp's TextSerializer).
//
// Thread-safety: as thread-safe as the collectables' Collect (prometheus-cpp's registry is).
#pragma once

#include <string>
#include <vector>

#include <prometheus/collectable.h>

namespace rasoat {

std::string MetricsPage(const std::vector<const prometheus::Collectable*>& collectables);

}  // namespace rasoat
