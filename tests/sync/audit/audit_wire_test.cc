// The audit log's stored entry copied into AdminService's (sync/audit/audit_wire.h): every
// stored action has a wire action of the same number and name, and every field of an entry,
// with its target and its changes, comes across.
#include "sync/audit/audit_wire.h"

#include <string>
#include <tuple>

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"

namespace rasoat::audit {
namespace {

using ::testing::ElementsAre;

TEST(AuditWireTest, EveryStoredActionHasTheWireActionOfTheSameNumberAndName) {
  const google::protobuf::EnumDescriptor* stored = Action_descriptor();
  const google::protobuf::EnumDescriptor* wire = v1::AuditAction_descriptor();
  EXPECT_EQ(stored->value_count(), wire->value_count());
  for (int i = 0; i < stored->value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor* value = stored->value(i);
    const google::protobuf::EnumValueDescriptor* same = wire->FindValueByNumber(value->number());
    ASSERT_NE(same, nullptr) << value->name() << " has no wire value";
    EXPECT_EQ(same->name(), absl::StrCat("AUDIT_", value->name()));
    EXPECT_EQ(ToWireAction(static_cast<Action>(value->number())), same->number());
  }
}

TEST(AuditWireTest, AnEntryAboutAHouseholdComesAcrossWhole) {
  AuditEntry entry;
  entry.set_seq(7);
  entry.set_time_unix_micros(1'780'000'000'000'000);
  entry.mutable_actor()->set_login("canbo.lan");
  entry.mutable_actor()->set_device_id("tab-1");
  entry.set_action(ACTION_APPROVED);
  entry.mutable_household()->set_round_id("2026");
  entry.mutable_household()->set_household_id("h1");
  entry.add_versions(3);
  entry.set_digest(std::string(32, '\x11'));
  entry.set_prev_hash(std::string(32, '\x22'));
  entry.set_hash(std::string(32, '\x33'));

  const v1::AuditEntry wire = ToWireEntry(entry);
  EXPECT_EQ(wire.seq(), 7u);
  EXPECT_EQ(wire.time_unix_micros(), 1'780'000'000'000'000);
  EXPECT_EQ(wire.actor().login(), "canbo.lan");
  EXPECT_EQ(wire.actor().device_id(), "tab-1");
  EXPECT_EQ(wire.action(), v1::AUDIT_ACTION_APPROVED);
  ASSERT_TRUE(wire.has_household());
  EXPECT_EQ(wire.household().round_id(), "2026");
  EXPECT_EQ(wire.household().household_id(), "h1");
  EXPECT_THAT(wire.versions(), ElementsAre(3u));
  EXPECT_EQ(wire.digest(), entry.digest());
  EXPECT_EQ(wire.prev_hash(), entry.prev_hash());
  EXPECT_EQ(wire.hash(), entry.hash());
  EXPECT_EQ(wire.changes_size(), 0);
}

TEST(AuditWireTest, APushsChangesAndASubjectComeAcross) {
  AuditEntry push;
  push.set_action(ACTION_PUSH);
  for (const auto& [id, action, version] :
       {std::tuple{"h1", ACTION_PUSH_APPLIED, 1}, std::tuple{"h2", ACTION_PUSH_CONFLICT, 4}}) {
    HouseholdChange* change = push.add_changes();
    change->set_round_id("2026");
    change->set_household_id(id);
    change->set_action(action);
    change->set_version(version);
    change->set_digest(std::string(32, static_cast<char>(version)));
  }
  const v1::AuditEntry wire = ToWireEntry(push);
  EXPECT_EQ(wire.action(), v1::AUDIT_ACTION_PUSH);
  EXPECT_EQ(wire.target_case(), v1::AuditEntry::TARGET_NOT_SET);
  ASSERT_EQ(wire.changes_size(), 2);
  EXPECT_EQ(wire.changes(1).household().round_id(), "2026");
  EXPECT_EQ(wire.changes(1).household().household_id(), "h2");
  EXPECT_EQ(wire.changes(1).action(), v1::AUDIT_ACTION_PUSH_CONFLICT);
  EXPECT_EQ(wire.changes(1).version(), 4u);
  EXPECT_EQ(wire.changes(1).digest(), std::string(32, '\x04'));

  AuditEntry user;
  user.set_action(ACTION_USER_CREATED);
  user.set_subject("canbo.lan");
  EXPECT_EQ(ToWireEntry(user).subject(), "canbo.lan");
}

TEST(AuditWireTest, AHeadComesWithItsHexAndItsText) {
  const AuditHead head{42, std::string(32, '\xab')};
  const v1::AuditLogHead wire = ToWireHead(head);
  EXPECT_EQ(wire.seq(), 42u);
  std::string hex;
  for (int i = 0; i < 32; ++i) hex += "ab";
  EXPECT_EQ(wire.hash_hex(), hex);
  EXPECT_EQ(wire.text(), "42:" + hex);
  EXPECT_EQ(ToWireHead(EmptyLogHead()).text(), "0:" + std::string(64, '0'));
}

}  // namespace
}  // namespace rasoat::audit
