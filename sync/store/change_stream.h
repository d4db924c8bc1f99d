// The changes family read the way a pull reads it (DESIGN.md "Storage"): one village's change
// entries in a range of seqs, in seq order, and the villages a commune has entries in. Each
// household has one entry per village: a live one where it is, at the seq of its last change,
// and a removal entry in each village it left, at the seq it left; so a stream yields each
// household changed in the range, or gone from the village in it, once.
//
// Thread-safety: a ChangeStream is used by one thread at a time; it must not outlive the Store
// and the Snapshot it reads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/sync.pb.h"

namespace rasoat {

class Snapshot;
class Store;

// The villages of `commune_code` in round `round_id` that have change entries at `at`, in key
// order. One seek per village. DATA_LOSS for a malformed entry key; UNAVAILABLE or INTERNAL if
// the store cannot be read.
absl::StatusOr<std::vector<std::string>> ListVillages(const Store& store, const Snapshot& at,
                                                      std::string_view round_id,
                                                      std::string_view commune_code);

class ChangeStream {
 public:
  // The change entries of one village with after < seq <= through, as of `at`. Neither the
  // store nor the snapshot is owned.
  ChangeStream(const Store& store, const Snapshot& at, std::string_view round_id,
               std::string_view commune_code, std::string_view village_code, uint64_t after,
               uint64_t through);
  ~ChangeStream();
  ChangeStream(const ChangeStream&) = delete;
  ChangeStream& operator=(const ChangeStream&) = delete;

  // Whether the stream is at an entry. False at the end, and after a read error (status()).
  bool Valid() const;
  // The entry's seq and household. REQUIRES: Valid(). The view is good until Next().
  uint64_t seq() const;
  std::string_view household_id() const;
  // Whether the entry is a removal entry (the household left the village at seq()), and why.
  // REQUIRES: Valid().
  bool is_removal() const;
  // REQUIRES: is_removal().
  v1::RemovalReason removal_reason() const;
  // REQUIRES: Valid().
  void Next();
  // OK, or UNAVAILABLE/INTERNAL if reading failed (then Valid() is false).
  absl::Status status() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace rasoat
