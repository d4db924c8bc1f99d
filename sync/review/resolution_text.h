// ResolutionText: whether the text a conflict resolution puts into a record may be stored
// (sync/base/text.h). A resolution's value is protobuf text format, whose escapes ("\000") can
// spell a NUL or another control character that the value's own text does not show, so the
// check is made on the record as resolved: every string at or below the resolved path. Ids and
// codes (fields named *_id or *_code) must be kId text; every other string kFreeText.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include <google/protobuf/message.h>

#include "absl/status/status.h"

namespace rasoat {

// OK, or INVALID_ARGUMENT "members[m2].full_name: has a NUL character at byte 3" for the first
// string of `record` at or below merge path `path` (sync/merge/merge_path.h; a oneof's name
// covers its fields) that CheckText refuses. The message never quotes the text.
absl::Status CheckTextAt(const google::protobuf::Message& record, std::string_view path);

}  // namespace rasoat
