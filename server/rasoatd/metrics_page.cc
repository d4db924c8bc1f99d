#include "server/rasoatd/metrics_page.h"

#include <iterator>

#include <prometheus/metric_family.h>
#include <prometheus/text_serializer.h>

namespace rasoat {

std::string MetricsPage(const std::vector<const prometheus::Collectable*>& collectables) {
  std::vector<prometheus::MetricFamily> families;
  for (const prometheus::Collectable* collectable : collectables) {
    std::vector<prometheus::MetricFamily> more = collectable->Collect();
    families.insert(families.end(), std::make_move_iterator(more.begin()),
                    std::make_move_iterator(more.end()));
  }
  return prometheus::TextSerializer().Serialize(families);
}

}  // namespace rasoat
