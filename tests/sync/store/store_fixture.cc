#include "tests/sync/store/store_fixture.h"

#include "sync/store/version_value.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {

void StoreFixture::Open() {
  Close();
  ASSERT_OK_AND_ASSIGN(store_, Store::Open(StoreOptions{.path = dir_.path()}));
  ASSERT_OK_AND_ASSIGN(
      committer_, Committer::Open(store_.get(), [this](uint64_t added) { enqueued_ += added; }));
}

void StoreFixture::Close() {
  committer_.reset();
  store_.reset();
}

store::HouseholdHead StoreFixture::Change(const std::string& household, const std::string& village,
                                          const store::OutboxEntry* publish) {
  const HouseholdLocks::Held held = committer_->locks().LockHousehold("2026", household);
  absl::StatusOr<store::HouseholdHead> read = store_->ReadHead("2026", household);
  store::HouseholdHead head = read.ok() ? *read : store::HouseholdHead();
  const ChangeLocation old = ChangeLocationOf(head);
  head.set_commune_code("00001");
  head.set_village_code(village);
  head.set_last_version(head.last_version() + 1);
  head.set_current_version(head.last_version());
  v1::Household record = MakeHousehold(head.last_version(), "00001", village);
  record.set_collaborator_note("v" + std::to_string(head.last_version()));
  CommitBatch batch(*store_);
  batch.PutVersion("2026", household, head.last_version(),
                   EncodeVersionValue(store::VersionMeta(), record));
  batch.FileChange("2026", household, old, &head, publish);
  EXPECT_OK(committer_->Commit(held, &batch));
  return head;
}

}  // namespace rasoat::testing
