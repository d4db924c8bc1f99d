#include "sync/change_entry.h"

#include "sync/keys.h"

namespace rasoat {

void RefileChange(const Store& store, std::string_view round_id, std::string_view household_id,
                  const ChangeLocation& old, uint64_t seq, store::HouseholdHead* head,
                  rocksdb::WriteBatch* batch) {
  if (old.seq != 0) {
    batch->Delete(store.changes(),
                  ChangeKeyOf(round_id, old.commune_code, old.village_code, old.seq));
  }
  head->set_change_seq(seq);
  batch->Put(store.changes(),
             ChangeKeyOf(round_id, head->commune_code(), head->village_code(), seq),
             rocksdb::Slice(household_id.data(), household_id.size()));
  batch->Put(store.households(), HouseholdKeyOf(round_id, household_id), head->SerializeAsString());
}

}  // namespace rasoat
