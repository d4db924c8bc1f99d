// The byte budget of a pull page counts everything a household's state carries — its record,
// its open conflicts, the reviewer's comment — so that no page exceeds a stock gRPC client's
// 4 MiB message limit: a page with more than one entry fits the budget, and a household larger
// than the budget comes alone on its page. The large conflicts and comments are written straight
// into the heads (tests/support/raw_store.h), as the store may hold them from before conflicts
// were bounded.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/store/keys.h"
#include "sync/store/store.h"
#include "tests/support/raw_store.h"
#include "tests/support/status_matchers.h"
#include "tests/sync/pull/pull_fixture.h"

namespace rasoat {
namespace {

using ::rasoat::testing::Drained;
using ::rasoat::testing::PullTest;
using ::testing::ElementsAre;
using ::testing::Le;

constexpr size_t kStockClientLimit = 4 << 20;

class PullPageBytesTest : public PullTest {
 protected:
  // Gives the heads of `ids` `conflicts` open conflicts of `value_bytes` bytes each and a
  // reviewer's comment of `comment_bytes` bytes, written into the stopped store.
  void Inflate(const std::vector<std::string>& ids, int conflicts, size_t value_bytes,
               size_t comment_bytes) {
    engine_.reset();
    std::vector<std::pair<std::string, std::string>> heads;
    {
      ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                           Store::Open(StoreOptions{.path = options_.data_dir}));
      for (const std::string& id : ids) {
        ASSERT_OK_AND_ASSIGN(store::HouseholdHead head, store->ReadHead("2026", id));
        for (int i = 0; i < conflicts; ++i) {
          v1::FieldConflict* conflict = head.add_conflicts();
          conflict->set_path(absl::StrCat("members[m", i, "].full_name"));
          conflict->set_head_value(std::string(value_bytes, 'h'));
          conflict->set_incoming_value(std::string(value_bytes, 'i'));
          conflict->set_head_present(true);
          conflict->set_incoming_present(true);
        }
        if (conflicts > 0) head.set_status(v1::REVIEW_STATUS_CONFLICT);
        head.set_reviewer_comment(std::string(comment_bytes, 'c'));
        heads.emplace_back(HouseholdKeyOf("2026", id), head.SerializeAsString());
      }
    }
    for (const auto& [key, value] : heads) {
      ASSERT_OK(testing::PutRaw(options_.data_dir, "households", key, value));
    }
    Open();
  }

  // Every page within the stock client's limit, and within the budget unless it holds one
  // entry; returns the households per page.
  std::vector<int> CheckPages(const Drained& drained, size_t budget) {
    std::vector<int> sizes;
    for (const v1::PullResponse& page : drained.pages) {
      const size_t bytes = page.ByteSizeLong();
      EXPECT_THAT(bytes, Le(kStockClientLimit)) << "a page of " << page.households_size();
      if (page.households_size() > 1) {
        // The cursor and the page's own framing come on top of the entries' budget.
        EXPECT_THAT(bytes, Le(budget + page.cursor().size() + 64))
            << "a page of " << page.households_size() << " households";
      }
      sizes.push_back(page.households_size());
    }
    return sizes;
  }
};

TEST_F(PullPageBytesTest, OpenConflictsCountInThePageBytes) {
  for (int i = 0; i < 6; ++i) Put(absl::StrCat("hh-", i));
  // hh-1 and hh-3 carry 3.2 MB of conflicts each: alone they fit a message, together they do not.
  Inflate({"hh-1", "hh-3"}, 400, 4000, 0);

  const Drained drained = DrainVillage();
  EXPECT_THAT(drained.ids(), ElementsAre("hh-0", "hh-1", "hh-2", "hh-3", "hh-4", "hh-5"));
  EXPECT_THAT(CheckPages(drained, options_.pull.max_page_bytes), ElementsAre(1, 1, 1, 1, 2));
  for (const v1::HouseholdState& state : drained.households) {
    const bool inflated =
        state.key().household_id() == "hh-1" || state.key().household_id() == "hh-3";
    EXPECT_EQ(state.conflicts_size(), inflated ? 400 : 0) << state.key().household_id();
  }
  ExpectEveryPageCursorResumesAfterIt(testing::RequestOf({testing::ScopeOf("00001", "thon-1")}),
                                      drained);
}

TEST_F(PullPageBytesTest, TheReviewersCommentCountsInThePageBytes) {
  for (int i = 0; i < 3; ++i) Put(absl::StrCat("hh-", i));
  // Two comments of 600 KB: together over the 1 MiB budget.
  Inflate({"hh-0", "hh-1"}, 0, 0, 600'000);
  const Drained drained = DrainVillage();
  EXPECT_THAT(drained.ids(), ElementsAre("hh-0", "hh-1", "hh-2"));
  EXPECT_THAT(CheckPages(drained, options_.pull.max_page_bytes), ElementsAre(1, 2));
}

TEST_F(PullPageBytesTest, AHouseholdLargerThanTheBudgetComesAloneOnItsPage) {
  options_.pull.max_page_bytes = 64 << 10;
  Open();
  for (int i = 0; i < 5; ++i) Put(absl::StrCat("hh-", i));
  Inflate({"hh-2"}, 20, 4000, 0);  // 160 KB: over the 64 KiB budget
  const Drained drained = DrainVillage();
  EXPECT_THAT(drained.ids(), ElementsAre("hh-0", "hh-1", "hh-2", "hh-3", "hh-4"));
  EXPECT_THAT(CheckPages(drained, options_.pull.max_page_bytes), ElementsAre(2, 1, 2));
}

}  // namespace
}  // namespace rasoat
