// The CPU cost per household record of what rasoatd does to every version besides storing it:
// a three-way merge (disjoint edits), validation, classification by the embedded standard,
// against the cost every push pays anyway, a protobuf parse and serialize of the record.
// Thread-safety: a pure function; runs on the calling thread.
#pragma once

#include "absl/status/statusor.h"

namespace rasoat::bench {

struct RecordCosts {
  double parse_serialize_us = 0;
  double merge_us = 0;
  double validate_us = 0;
  double classify_us = 0;
};

// Each figure is the median of `runs` passes over `records` generated households.
absl::StatusOr<RecordCosts> MeasureRecordCosts(int records, int runs);

}  // namespace rasoat::bench
