#include "sync/store/household_listing.h"

#include "rocksdb/db.h"
#include "sync/store/keys.h"
#include "sync/store/rocks_status.h"
#include "sync/store/store_access.h"

namespace rasoat {
namespace {

std::string ListingPrefix(std::string_view round_id, std::string_view commune_code,
                          std::string_view village_code) {
  return village_code.empty() ? ChangeCommunePrefixOf(round_id, commune_code)
                              : ChangePrefixOf(round_id, commune_code, village_code);
}

}  // namespace

struct HouseholdListing::Rep {
  std::string prefix;
  std::unique_ptr<rocksdb::Iterator> it;
};

bool HouseholdListing::IsPositionOf(std::string_view position, std::string_view round_id,
                                    std::string_view commune_code, std::string_view village_code) {
  return position.starts_with(ListingPrefix(round_id, commune_code, village_code));
}

HouseholdListing::HouseholdListing(const Store& store, std::string_view round_id,
                                   std::string_view commune_code, std::string_view village_code,
                                   std::string_view from)
    : rep_(std::make_unique<Rep>()) {
  rep_->prefix = ListingPrefix(round_id, commune_code, village_code);
  rep_->it.reset(StoreAccess::db(store)->NewIterator(
      rocksdb::ReadOptions(), StoreAccess::family(store, StoreAccess::kChanges)));
  // A position is the key of the entry it names.
  rep_->it->Seek(from.empty() ? std::string_view(rep_->prefix) : from);
  SkipRemovals();
}

void HouseholdListing::SkipRemovals() {
  // A removal entry says where a household was: it is listed where it is, by its live entry.
  while (Valid() && ParseChangeEntry(rep_->it->value().ToStringView()).removal) rep_->it->Next();
}

HouseholdListing::~HouseholdListing() = default;

bool HouseholdListing::Valid() const {
  return rep_->it->Valid() && rep_->it->key().starts_with(rep_->prefix);
}

std::string_view HouseholdListing::household_id() const { return rep_->it->value().ToStringView(); }

std::string HouseholdListing::position() const { return rep_->it->key().ToString(); }

void HouseholdListing::Next() {
  rep_->it->Next();
  SkipRemovals();
}

absl::Status HouseholdListing::status() const {
  return FromRocksStatus(rep_->it->status(), "list households");
}

}  // namespace rasoat
