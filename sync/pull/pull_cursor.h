// The opaque cursor of SyncService.Pull: encoding, decoding and the position it gives a
// village. The bytes are a serialized store::PullCursor; a tablet never looks inside.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "sync/store/store_records.pb.h"

namespace rasoat {

inline constexpr uint32_t kPullCursorFormat = 1;

// An empty cursor for `round_id` when `bytes` is empty, else the cursor `bytes` holds.
// INVALID_ARGUMENT, naming the field "cursor", if the bytes are not a cursor, belong to another
// round, or point past `committed` (a cursor no pull of this store can have returned: from
// another server, or from before a restore).
absl::StatusOr<store::PullCursor> DecodePullCursor(std::string_view bytes,
                                                   std::string_view round_id, uint64_t committed);

std::string EncodePullCursor(const store::PullCursor& cursor);

// The seq after which the village's changes are still to be sent: its own position, else its
// commune's, else 0.
uint64_t PositionOf(const store::PullCursor& cursor, std::string_view commune_code,
                    std::string_view village_code);

}  // namespace rasoat
