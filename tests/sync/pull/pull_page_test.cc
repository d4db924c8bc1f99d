// A pull page as rasoatd builds it (sync/pull/pull_page.proto) is a rasoat.v1.PullResponse on
// the wire: the two messages have the same fields, numbers and wire types, the record alone being
// `bytes` on one side and a Household on the other; and a page of stored record bytes parses
// back, field for field, as the PullResponse a client expects.
#include <string>

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "rasoat/v1/sync.pb.h"
#include "sync/pull/pull_page.pb.h"
#include "tests/support/households.h"

namespace rasoat {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::util::MessageDifferencer;
using ::rasoat::testing::MakeHousehold;

// Checks that `page` and `wire` have the same fields, numbers, names and types, except that
// the wire's Household fields are `bytes` in `page`.
void ExpectWireIdentical(const Descriptor& page, const Descriptor& wire) {
  SCOPED_TRACE(page.full_name() + " against " + wire.full_name());
  ASSERT_EQ(page.field_count(), wire.field_count());
  for (int i = 0; i < wire.field_count(); ++i) {
    const FieldDescriptor& expected = *wire.field(i);
    const FieldDescriptor* field = page.FindFieldByNumber(expected.number());
    ASSERT_NE(field, nullptr) << expected.name() << " has no field numbered " << expected.number();
    EXPECT_EQ(field->name(), expected.name());
    EXPECT_EQ(field->is_repeated(), expected.is_repeated()) << expected.name();
    if (expected.type() == FieldDescriptor::TYPE_MESSAGE &&
        expected.message_type() == v1::Household::descriptor()) {
      EXPECT_EQ(field->type(), FieldDescriptor::TYPE_BYTES) << expected.name();
      continue;
    }
    ASSERT_EQ(field->type(), expected.type()) << expected.name();
    if (expected.type() == FieldDescriptor::TYPE_ENUM) {
      EXPECT_EQ(field->enum_type(), expected.enum_type()) << expected.name();
    }
    if (expected.type() == FieldDescriptor::TYPE_MESSAGE &&
        field->message_type() != expected.message_type()) {
      ExpectWireIdentical(*field->message_type(), *expected.message_type());
    }
  }
}

TEST(PullPageTest, IsWireIdenticalToThePullResponse) {
  ExpectWireIdentical(*pull::PullPage::descriptor(), *v1::PullResponse::descriptor());
}

TEST(PullPageTest, APageOfStoredRecordsParsesAsThePullResponseItStandsFor) {
  v1::PullResponse expected;
  v1::HouseholdState* state = expected.add_households();
  state->mutable_key()->set_round_id("2026");
  state->mutable_key()->set_household_id("hh-1");
  state->set_version(3);
  state->set_status(v1::REVIEW_STATUS_RETURNED);
  *state->mutable_record() = MakeHousehold(4);
  state->set_reviewer_comment("Kiểm tra lại thu nhập");
  state->add_conflicts()->set_path("members[0].income");
  state->set_procedure_step(v1::PROCEDURE_STEP_POSTED);
  expected.add_removals()->mutable_key()->set_household_id("hh-2");
  expected.set_cursor("cursor bytes");
  expected.set_caught_up(true);

  pull::PullPage page;
  pull::StoredHouseholdState* stored = page.add_households();
  *stored->mutable_key() = state->key();
  stored->set_version(3);
  stored->set_status(v1::REVIEW_STATUS_RETURNED);
  stored->set_record(MakeHousehold(4).SerializeAsString());
  stored->set_reviewer_comment("Kiểm tra lại thu nhập");
  *stored->add_conflicts() = state->conflicts(0);
  stored->set_procedure_step(v1::PROCEDURE_STEP_POSTED);
  *page.add_removals() = expected.removals(0);
  page.set_cursor("cursor bytes");
  page.set_caught_up(true);

  EXPECT_EQ(page.SerializeAsString(), expected.SerializeAsString());
  v1::PullResponse received;
  ASSERT_TRUE(received.ParseFromString(page.SerializeAsString()));
  EXPECT_TRUE(MessageDifferencer::Equals(received, expected));
}

}  // namespace
}  // namespace rasoat
