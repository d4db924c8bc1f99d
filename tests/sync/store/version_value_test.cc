// The versions family's value (sync/store/version_value.h): meta and record round-trip, either
// part can be skipped, and a value that is cut or damaged is DATA_LOSS, never a half record.
#include "sync/store/version_value.h"

#include <gmock/gmock.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::rasoat::testing::MakeHousehold;
using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;

store::VersionMeta Meta() {
  store::VersionMeta meta;
  meta.set_parent_version(4);
  meta.set_device_id("tab-7");
  meta.set_mutation_id("m-12");
  meta.set_committed_at_micros(1'788'000'000'000'000);
  meta.add_resolved_paths("housing.floor_area_m2");
  return meta;
}

TEST(VersionValueTest, MetaAndRecordRoundTrip) {
  const v1::Household record = MakeHousehold(5);
  const std::string value = EncodeVersionValue(Meta(), record);
  store::VersionMeta meta;
  v1::Household decoded;
  ASSERT_OK(DecodeVersionValue(value, &meta, &decoded));
  EXPECT_TRUE(MessageDifferencer::Equals(meta, Meta()));
  EXPECT_TRUE(MessageDifferencer::Equals(decoded, record));
}

TEST(VersionValueTest, EitherPartMayBeSkipped) {
  const v1::Household record = MakeHousehold(6);
  const std::string value = EncodeVersionValue(Meta(), record);
  v1::Household only_record;
  ASSERT_OK(DecodeVersionValue(value, nullptr, &only_record));
  EXPECT_TRUE(MessageDifferencer::Equals(only_record, record));
  store::VersionMeta only_meta;
  ASSERT_OK(DecodeVersionValue(value, &only_meta, nullptr));
  EXPECT_EQ(only_meta.mutation_id(), "m-12");
}

TEST(VersionValueTest, TheRecordFollowsTheMetaUnwrapped) {
  // A pull parses the record straight from the value's tail: it must be the plain record.
  const v1::Household record = MakeHousehold(7);
  const std::string value = EncodeVersionValue(Meta(), record);
  EXPECT_TRUE(value.ends_with(record.SerializeAsString()));
  ASSERT_OK_AND_ASSIGN(const std::string_view bytes, RecordBytesOf(value));
  EXPECT_EQ(bytes, record.SerializeAsString()) << "what a pull sends as the record";
  EXPECT_THAT(RecordBytesOf(value.substr(0, 5)),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("version value")));
}

TEST(VersionValueTest, ACutOrDamagedValueIsDataLoss) {
  const std::string value = EncodeVersionValue(Meta(), MakeHousehold(8));
  store::VersionMeta meta;
  v1::Household record;
  EXPECT_THAT(DecodeVersionValue("", &meta, &record),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("meta length")));
  EXPECT_THAT(DecodeVersionValue(value.substr(0, 5), &meta, &record),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("version value")));
  std::string damaged = value;
  damaged[1] = '\xff';  // the meta's first tag byte: an invalid wire type
  EXPECT_THAT(DecodeVersionValue(damaged, &meta, nullptr),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("bad meta")));
}

}  // namespace
}  // namespace rasoat
