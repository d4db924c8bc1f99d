// Random edits of a record by reflection, so that they reach every field, for the property
// tests of sync/merge; and the paths the edits are named by. Two editors, for two kinds of
// property: RandomEditor makes edits anywhere and says where (merge_property_test.cc,
// merge_nothing_lost_test.cc); CollidingEditor makes edits two of which, with one shape seed,
// land on the same fields with different values (merge_path_property_test.cc).
//
// Thread-safety: an editor is used by one thread at a time; the functions are pure.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <utility>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "rasoat/v1/household.pb.h"

namespace rasoat::testing {

using Rng = std::mt19937_64;

// The identity field of list `field`'s elements, read from the option directly rather than
// through the code under test; nullptr if none.
const google::protobuf::FieldDescriptor* IdFieldOf(const google::protobuf::FieldDescriptor* field);

// `path` extended by field `name`; `name` alone at the root (empty `path`).
std::string JoinPath(const std::string& path, const std::string& name);

// Whether `path` is `ancestor` or lies under it.
bool IsUnder(const std::string& path, const std::string& ancestor);

// Random edits anywhere in a message, each named by the path it changed. New elements get ids
// `id_prefix` + a counter: two editors with one prefix add elements with the same ids.
class RandomEditor {
 public:
  // `rng` is not owned and must outlive the editor.
  RandomEditor(Rng* rng, std::string id_prefix) : rng_(*rng), id_prefix_(std::move(id_prefix)) {}

  // One edit somewhere in `message`, which lies at `path` in the record ("" for the record
  // itself); returns the path it changed. `message` is not owned.
  std::string Edit(google::protobuf::Message* message, const std::string& path);

 private:
  // Adds, removes or edits one element of identity-keyed `field`.
  std::string EditList(google::protobuf::Message* message,
                       const google::protobuf::FieldDescriptor* field,
                       const google::protobuf::FieldDescriptor* id_field, const std::string& path);
  void SetRandomValue(google::protobuf::Message* message,
                      const google::protobuf::FieldDescriptor* field);

  Rng& rng_;
  const std::string id_prefix_;
  int next_id_ = 0;
};

// A household of its own for the case of `seed`: sometimes edited by a RandomEditor drawing on
// `rng`, sometimes none at all (registered on two tablets: base is empty). `rng` is not owned.
v1::Household RandomBase(uint64_t seed, Rng* rng);

// Random edits of a household by reflection, so that they reach every field. Two editors with
// one `shape` seed and different `value` seeds pick the same fields and elements, as long as
// their records agree there, and write different values into them: edits that conflict.
class CollidingEditor {
 public:
  CollidingEditor(uint64_t shape_seed, uint64_t value_seed)
      : shapes_(shape_seed), value_(value_seed) {}

  // One edit somewhere in `message`. Each edit draws its shape afresh, so that where the sides
  // differed in one edit (one cleared what the other went into), they still agree in the next.
  // `message` is not owned.
  void Edit(google::protobuf::Message* message);

 private:
  void EditIn(google::protobuf::Message* message);
  // Adds, removes or edits an element of `field`; removes on one side where the other edits.
  void EditList(google::protobuf::Message* message, const google::protobuf::FieldDescriptor* field,
                const google::protobuf::FieldDescriptor* id_field);
  void SetRandomValue(google::protobuf::Message* message,
                      const google::protobuf::FieldDescriptor* field);

  Rng shapes_;  // Seeds shape_ for each edit.
  Rng shape_;
  Rng value_;
  int next_id_ = 0;
};

}  // namespace rasoat::testing
