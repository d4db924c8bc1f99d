// The identity-keyed lists of the three-way merge (merge.h): their ids checked and indexed, and
// the paths that name fields and elements (`members[m2].full_name`).
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "absl/container/flat_hash_map.h"

namespace rasoat::internal {

// Id -> index of the elements of one identity-keyed list.
using IdIndex = absl::flat_hash_map<std::string, int>;

// `path` extended by field `name`; `name` alone at the root (empty `path`).
std::string FieldPath(const std::string& path, const std::string& name);

// The element of the list at `list_path` with `id`: `members[m2]`.
std::string ElementPath(const std::string& list_path, const std::string& id);

// Indexes the identity-keyed list `field` of `message` into `*index`. `reflection` is
// `message`'s type's, `element_reflection` the elements'. False if the list cannot be merged
// element by element: an id is empty (a map key may be), repeated, or holds `[` or `]`, so
// that a path could not name its element.
bool IndexById(const google::protobuf::Reflection* reflection,
               const google::protobuf::Reflection* element_reflection,
               const google::protobuf::Message& message,
               const google::protobuf::FieldDescriptor* field,
               const google::protobuf::FieldDescriptor* id_field, IdIndex* index);

}  // namespace rasoat::internal
