// The opaque cursor of SyncService.Pull: encoding, decoding and the position it gives a
// village. A tablet never looks inside; the server trusts only what its own store issued.
//
// The bytes are a serialized store::PullCursor naming the store that issued it (its id and
// epoch, store/store.h CursorIdentity), followed by the HMAC-SHA-256 of those bytes under the
// store's cursor key. A cursor whose MAC does not verify (damaged, made up, another store's) or
// that names another store or epoch (from before a restore) is refused, so no cursor makes a
// pull skip what it did not deliver.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "sync/store/store.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {

// Format 1 had no MAC, store id or epoch: such cursors are refused (with a message saying so).
inline constexpr uint32_t kPullCursorFormat = 2;

// An empty cursor for `round_id` when `bytes` is empty, else the cursor `bytes` holds.
// INVALID_ARGUMENT, naming the field "cursor" and telling the tablet to pull with an empty
// cursor from the beginning, if the bytes are not a cursor `issuer` issued (the MAC does not
// verify: damaged, another server's, or of format 1, made by an older rasoatd), name another
// store or epoch (the store was restored from a backup since), or point past `committed` (a
// position no pull of this store can have returned). INVALID_ARGUMENT naming both rounds for a
// cursor of another round.
absl::StatusOr<store::PullCursor> DecodePullCursor(std::string_view bytes,
                                                   const CursorIdentity& issuer,
                                                   std::string_view round_id, uint64_t committed);

// The bytes of `cursor` as `issuer` issues it: its format, store id and epoch set (in
// `*cursor`, not owned), serialized, and followed by its MAC. One HMAC.
std::string EncodePullCursor(const CursorIdentity& issuer, store::PullCursor* cursor);

// The seq after which the village's changes are still to be sent: its own position, else its
// commune's, else 0.
uint64_t PositionOf(const store::PullCursor& cursor, std::string_view commune_code,
                    std::string_view village_code);

}  // namespace rasoat
