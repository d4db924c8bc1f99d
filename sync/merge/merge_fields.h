// The reflection the three-way merge (merge.h) needs on one field at a time: is it keyed by an
// identity, are two messages' values of it the same, copy it, render it for a reviewer. Kept
// apart from the merge rules so that merge.cc reads as the rules.
//
// Thread-safety: pure functions.
#pragma once

#include <span>
#include <string>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace rasoat::internal {

// The field identifying the elements of repeated `field`: the one marked
// `(rasoat.v1.identity)` in its element type, or a map's key. nullptr if `field` is not a
// repeated message field with such an identity.
const google::protobuf::FieldDescriptor* IdentityOf(const google::protobuf::FieldDescriptor* field);

// The identity of `element` as it appears in paths: a string as is, anything else in text
// format. `reflection`, if given, is the element type's (it costs a lookup otherwise).
std::string IdOf(const google::protobuf::Message& element,
                 const google::protobuf::FieldDescriptor* id_field);
std::string IdOf(const google::protobuf::Reflection* reflection,
                 const google::protobuf::Message& element,
                 const google::protobuf::FieldDescriptor* id_field);

// Whether `field` has the same value in `a` and `b`, which are of its containing type, the
// one `reflection` reflects (passed in because looking it up per field costs more than the
// comparison). Presence counts where the field has it. Identity-keyed lists compare as sets of
// elements; other repeated fields compare in order. NaN equals NaN: an unchanged NaN is no edit.
bool SameField(const google::protobuf::Reflection* reflection, const google::protobuf::Message& a,
               const google::protobuf::Message& b, const google::protobuf::FieldDescriptor* field);

// SameField for every field of `a` and `b`, which are of one type. Unknown fields are ignored.
bool SameMessage(const google::protobuf::Message& a, const google::protobuf::Message& b);

// Makes `*to` a copy of `from`, of the same type. Unlike Message::CopyFrom, which in Debian's
// libprotobuf first walks all of `*to` by reflection to check that `from` is not inside it, a
// walk that cost more than a whole merge. REQUIRES: neither message contains the other. `to` is
// not owned.
void Assign(const google::protobuf::Message& from, google::protobuf::Message* to);

// Makes `field` of `*to` what it is in `from` (presence included). `*to` is not owned.
void CopyField(const google::protobuf::Message& from,
               const google::protobuf::FieldDescriptor* field, google::protobuf::Message* to);

// Whether `message` has a value for `field`: set, for a field with presence; non-empty, for a
// repeated one; always, for a proto3 scalar without presence.
bool HasValue(const google::protobuf::Message& message,
              const google::protobuf::FieldDescriptor* field);

// Text format of the value of `fields` in `message`: just the value for one singular scalar
// (`"Trần"`, `42`), otherwise `name: value` pairs on one line; UTF-8 unescaped.
std::string ValueText(const google::protobuf::Message& message,
                      std::span<const google::protobuf::FieldDescriptor* const> fields);

// Text format of `message` on one line, UTF-8 unescaped.
std::string MessageText(const google::protobuf::Message& message);

}  // namespace rasoat::internal
