// The mutations family's value (sync/store/mutation_value.h): result and digest round-trip, a
// value stored before digests were kept reads as its result with no digest, and a damaged
// value is DATA_LOSS.
#include "sync/store/mutation_value.h"

#include <string>

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace rasoat {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

v1::MutationResult Result() {
  v1::MutationResult result;
  result.set_mutation_id("m-12");
  result.mutable_key()->set_round_id("2026");
  result.mutable_key()->set_household_id("hh-3");
  result.set_outcome(v1::MUTATION_OUTCOME_MERGED);
  result.set_version(7);
  return result;
}

const std::string kDigest(32, '\xab');

TEST(MutationValueTest, ResultAndDigestRoundTrip) {
  const std::string value = EncodeMutationValue(kDigest, Result());
  v1::MutationResult result;
  std::string digest;
  ASSERT_OK(DecodeMutationValue(value, &digest, &result));
  EXPECT_EQ(digest, kDigest);
  EXPECT_TRUE(MessageDifferencer::Equals(result, Result()));
  // Either part may be skipped.
  ASSERT_OK(DecodeMutationValue(value, nullptr, &result));
  ASSERT_OK(DecodeMutationValue(value, &digest, nullptr));
  EXPECT_EQ(digest, kDigest);
}

TEST(MutationValueTest, AValueStoredBeforeDigestsIsItsResultWithNoDigest) {
  v1::MutationResult result;
  std::string digest = "left over";
  ASSERT_OK(DecodeMutationValue(Result().SerializeAsString(), &digest, &result));
  EXPECT_THAT(digest, IsEmpty());
  EXPECT_TRUE(MessageDifferencer::Equals(result, Result()));
}

TEST(MutationValueTest, ADamagedValueIsDataLoss) {
  const std::string value = EncodeMutationValue(kDigest, Result());
  v1::MutationResult result;
  std::string digest;
  // Cut inside the meta, and a meta length past the end.
  EXPECT_THAT(DecodeMutationValue(value.substr(0, 10), &digest, &result),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("mutation value")));
  EXPECT_THAT(DecodeMutationValue(std::string("\0\x7f", 2), &digest, &result),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("mutation value")));
  EXPECT_THAT(DecodeMutationValue(std::string("\0", 1), &digest, &result),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("mutation value")));
  EXPECT_THAT(DecodeMutationValue("\xff", &digest, &result),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("mutation value")));
}

}  // namespace
}  // namespace rasoat
