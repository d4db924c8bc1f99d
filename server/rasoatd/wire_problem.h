// Where the bytes of a message that protobuf refused to parse go wrong, said so that the
// developer of a client can fix it: "mutations[0].key.household_id is not valid UTF-8 at byte
// 3", "mutations[1].record: not protobuf wire format". Only for the error path of a parse that
// failed (raw_messages.h): it walks the bytes field by field against the message's descriptor,
// as the parser would, and never quotes them (a person's name may be in them).
//
// Thread-safety: a pure function.
#pragma once

#include <string>
#include <string_view>

#include <google/protobuf/descriptor.h>

namespace rasoat {

// The first problem in `bytes` read as a message of `type`, as a phrase naming the field by its
// path (`mutations[0].record.members[2].full_name`, indexes counted in the order the elements
// come): a string field that is not valid UTF-8, a message field whose bytes are not wire
// format, or "not protobuf wire format" for the message as a whole. Empty when it finds none
// (e.g. a malformed packed list or nesting deeper than the parser allows).
std::string FindWireProblem(std::string_view bytes, const google::protobuf::Descriptor& type);

}  // namespace rasoat
