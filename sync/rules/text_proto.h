// Parsing a message from protobuf text format, as the data files of deploy/ are written, with
// the first error's position for the person who edits the file.
//
// Thread-safety: a free function without shared state.
#pragma once

#include <string>

#include <google/protobuf/message.h>

#include "absl/status/status.h"

namespace rasoat::rules {

// Parses `text` into `message` (cleared first). `source_name` names the text in the error (a
// file path). Returns OK, or INVALID_ARGUMENT "<source_name>:<line>:<column>: <what>" (1-based)
// for the first error — also for a field whose name is reserved (removed), which TextFormat
// alone would skip without a word. `message` is not owned and must not be null.
absl::Status ParseTextProto(const std::string& text, const std::string& source_name,
                            google::protobuf::Message* message);

}  // namespace rasoat::rules
