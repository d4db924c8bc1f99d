// Reading a household record at a path as the server's merge names paths ("housing.floor_area_m2",
// "members[m3].has_health_insurance", "incomes[i-tab-001-k3f9a2-e7]"), so the consistency check can
// ask whether the server's record holds what a tablet wrote there. Written here, over the wire
// types only, because tablet/ is a client of the wire contract and does not link the server's
// code.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include <google/protobuf/message.h>

namespace rasoat::tablet {

// The text format of the value at `path` in `record` (a scalar alone, a message on one line),
// or nullopt if there is none: an unset field with presence, a missing element, or anything
// below an unset sub-message or a missing element. A path that does not fit the record's type
// also gives nullopt. Steps are joined by '.'; an element of a list whose element type marks a
// field `(rasoat.v1.identity)` is named by that id in brackets; ids must not hold "].".
std::optional<std::string> ValueAt(const google::protobuf::Message& record,
                                   const std::string& path);

// Whether `path` names a whole element ("members[m-tab-001-1-7]"), not a field.
bool IsElementPath(const std::string& path);

}  // namespace rasoat::tablet
