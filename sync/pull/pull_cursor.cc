#include "sync/pull/pull_cursor.h"

#include "absl/strings/str_cat.h"

namespace rasoat {

absl::StatusOr<store::PullCursor> DecodePullCursor(std::string_view bytes,
                                                   std::string_view round_id, uint64_t committed) {
  store::PullCursor cursor;
  if (bytes.empty()) {
    cursor.set_format(kPullCursorFormat);
    cursor.set_round_id(std::string(round_id));
    return cursor;
  }
  if (!cursor.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) ||
      cursor.format() != kPullCursorFormat) {
    return absl::InvalidArgumentError(
        "cursor: not a cursor this server issued; send the cursor of the last page received, "
        "or an empty one to sync from the beginning");
  }
  if (cursor.round_id() != round_id) {
    return absl::InvalidArgumentError(absl::StrCat("cursor: issued for round '", cursor.round_id(),
                                                   "', not '", std::string(round_id), "'"));
  }
  for (const store::PullCursor::Position& position : cursor.positions()) {
    if (position.seq() > committed || position.commune_code().empty()) {
      return absl::InvalidArgumentError(
          "cursor: points past this server's changes (issued by another server, or before a "
          "restore); pull with an empty cursor to sync from the beginning");
    }
  }
  return cursor;
}

std::string EncodePullCursor(const store::PullCursor& cursor) { return cursor.SerializeAsString(); }

uint64_t PositionOf(const store::PullCursor& cursor, std::string_view commune_code,
                    std::string_view village_code) {
  uint64_t commune_position = 0;
  for (const store::PullCursor::Position& position : cursor.positions()) {
    if (position.commune_code() != commune_code) continue;
    if (position.village_code() == village_code) return position.seq();
    if (position.village_code().empty()) commune_position = position.seq();
  }
  return commune_position;
}

}  // namespace rasoat
