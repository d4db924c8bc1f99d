// Fuzzes the authenticated cursor of SyncService.Pull (sync/pull/pull_cursor.h) under a fixed
// issuer (store id, epoch, 32-byte MAC key). The first byte of the input picks what the rest is:
//   0: a store::PullCursor, which is encoded and must decode back to itself for its round (when
//      every position names a commune), and be refused by another store id, epoch or key;
//   1: a damage to a cursor the issuer encoded: a count of bytes cut off its end, then a mask
//      XORed onto it (bytes past its end are appended). A damaged cursor that decodes must be
//      the cursor undamaged: the MAC refuses every change;
//   2 and up: bytes from anywhere. If they decode (and are not empty, which means "from the
//      beginning"), they are a cursor the issuer made: encoding the decoded cursor gives them
//      back byte for byte.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "sync/pull/pull_cursor.h"
#include "sync/store/store.h"
#include "sync/store/store_records.pb.h"
#include "tests/fuzz/fuzz_input.h"

namespace rasoat {
namespace {

using fuzz::FuzzInput;
using fuzz::Require;

constexpr std::string_view kStoreId = "fuzz-store-4f1c";
constexpr uint64_t kEpoch = 3;
constexpr std::string_view kMacKey = "0123456789abcdef0123456789ABCDEF";  // 32 bytes
constexpr std::string_view kRound = "2026";
constexpr uint64_t kCommitted = 1000;

CursorIdentity Issuer() { return CursorIdentity{kStoreId, kEpoch, kMacKey}; }

// A cursor of kRound with a village's and a commune's position, as the issuer encodes it.
const std::string& IssuedCursor() {
  static const std::string* const bytes = [] {
    store::PullCursor cursor;
    cursor.set_round_id(std::string(kRound));
    store::PullCursor::Position* village = cursor.add_positions();
    village->set_commune_code("26734");
    village->set_village_code("thon-3");
    village->set_seq(42);
    store::PullCursor::Position* commune = cursor.add_positions();
    commune->set_commune_code("26734");
    commune->set_seq(17);
    return new std::string(EncodePullCursor(Issuer(), &cursor));
  }();
  return *bytes;
}

void EncodedCursorsDecodeBack(std::string_view input) {
  store::PullCursor cursor;
  if (!cursor.ParseFromArray(input.data(), static_cast<int>(input.size()))) return;
  uint64_t committed = 0;
  bool every_commune_named = true;
  for (const store::PullCursor::Position& position : cursor.positions()) {
    committed = std::max(committed, position.seq());
    every_commune_named = every_commune_named && !position.commune_code().empty();
  }
  const std::string bytes = EncodePullCursor(Issuer(), &cursor);
  const std::string round = cursor.round_id();

  const absl::StatusOr<store::PullCursor> decoded =
      DecodePullCursor(bytes, Issuer(), round, committed);
  Require(decoded.ok() == every_commune_named,
          "an encoded cursor decodes, unless a position names no commune");
  if (decoded.ok()) {
    Require(decoded->SerializeAsString() == cursor.SerializeAsString(),
            "an encoded cursor decodes to itself");
  }

  const std::string other_key(kMacKey.size(), 'k');
  for (const CursorIdentity& other : {CursorIdentity{"another-store", kEpoch, kMacKey},
                                      CursorIdentity{kStoreId, kEpoch + 1, kMacKey},
                                      CursorIdentity{kStoreId, kEpoch, other_key}}) {
    Require(!DecodePullCursor(bytes, other, round, committed).ok(),
            "a cursor is refused by another store, epoch or key");
  }
}

void DamagedCursorsAreRefused(FuzzInput input) {
  const std::string& issued = IssuedCursor();
  std::string damaged = issued;
  damaged.resize(damaged.size() - std::min<size_t>(damaged.size(), input.TakeByte()));
  const std::string_view mask = input.TakeRest();
  for (size_t i = 0; i < mask.size(); ++i) {
    if (i < damaged.size()) {
      damaged[i] = static_cast<char>(damaged[i] ^ mask[i]);
    } else {
      damaged.push_back(mask[i]);
    }
  }
  if (damaged.empty()) return;  // An empty cursor is a pull from the beginning.
  if (DecodePullCursor(damaged, Issuer(), kRound, kCommitted).ok()) {
    Require(damaged == issued, "a damaged cursor is refused");
  }
}

void OnlyIssuedCursorsDecode(std::string_view input) {
  absl::StatusOr<store::PullCursor> decoded = DecodePullCursor(input, Issuer(), kRound, kCommitted);
  if (!decoded.ok()) return;
  if (input.empty()) {
    Require(decoded->round_id() == kRound && decoded->positions().empty(),
            "an empty cursor is the beginning of the round");
    return;
  }
  Require(EncodePullCursor(Issuer(), &*decoded) == input,
          "bytes that decode are a cursor the issuer encoded");
}

void FuzzPullCursor(const uint8_t* data, size_t size) {
  FuzzInput input(data, size);
  switch (input.TakeByte()) {
    case 0:
      return EncodedCursorsDecodeBack(input.TakeRest());
    case 1:
      return DamagedCursorsAreRefused(input);
    default:
      return OnlyIssuedCursorsDecode(input.TakeRest());
  }
}

}  // namespace
}  // namespace rasoat

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rasoat::FuzzPullCursor(data, size);
  return 0;
}
