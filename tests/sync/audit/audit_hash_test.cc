// The bytes an audit entry's hash is taken over: pinned by fixed vectors (computed independently
// of this code, from the encoding written in sync/audit/audit_hash.h), so that any change to the
// encoding fails here; every field but the hash changes them; the length prefixes keep two
// different entries apart; and the protobuf serialization the entry came from does not matter.
#include "sync/audit/audit_hash.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "tests/support/status_matchers.h"

namespace rasoat::audit {
namespace {

std::string Hex(const std::string& bytes) { return absl::BytesToHexString(bytes); }

AuditEntry HouseholdEntry() {
  AuditEntry entry;
  entry.set_seq(7);
  entry.set_time_unix_micros(1700000000123456);
  entry.mutable_actor()->set_login("reviewer.xa");
  entry.mutable_actor()->set_device_id("tab-01");
  entry.set_action(ACTION_APPROVED);
  entry.mutable_household()->set_round_id("2025");
  entry.mutable_household()->set_household_id("26881-003-0042");
  entry.add_versions(3);
  entry.add_versions(4);
  entry.set_digest(std::string("\x01\x02\x03", 3));
  entry.set_prev_hash(std::string(32, '\x11'));
  return entry;
}

TEST(AuditHashTest, HouseholdEntryEncodesToTheFixedVector) {
  AuditEntry entry = HouseholdEntry();
  // The hash is not covered.
  entry.set_hash(std::string(32, '\x99'));
  const std::string expected = absl::StrCat(               //
      "0000000f", "7261736f61742d61756469742d7631",        // B("rasoat-audit-v1")
      "00000020", std::string(64, '1'),                    // B(prev_hash)
      "0000000000000007",                                  // U64(seq)
      "00060a2418202240",                                  // U64(time_unix_micros)
      "0000000b", "72657669657765722e7861",                // B(login)
      "00000006", "7461622d3031",                          // B(device_id)
      "00000006",                                          // U32(ACTION_APPROVED)
      "01",                                                // household target
      "00000004", "32303235",                              // B(round_id)
      "0000000e", "32363838312d3030332d30303432",          // B(household_id)
      "00000002", "0000000000000003", "0000000000000004",  // versions
      "00000003", "010203",                                // B(digest)
      "00000000");                                         // no changes
  EXPECT_EQ(Hex(AuditHashedBytes(entry)), expected);
  ASSERT_OK_AND_ASSIGN(std::string hash, AuditHash(entry));
  EXPECT_EQ(Hex(hash), "a19b93733319c6e483b0d3313023c5d05820d2f5cf42beb63f20c117581b9e59");
}

TEST(AuditHashTest, SubjectEntryWithNegativeTimeEncodesToTheFixedVector) {
  AuditEntry entry;
  entry.set_seq(1);
  entry.set_time_unix_micros(-1);
  entry.mutable_actor()->set_login("admin");
  entry.set_action(ACTION_DEVICE_ENROLLED);
  entry.set_subject("dev-7");
  entry.set_prev_hash(std::string(32, '\0'));
  const std::string expected = absl::StrCat(         //
      "0000000f", "7261736f61742d61756469742d7631",  // B("rasoat-audit-v1")
      "00000020", std::string(64, '0'),              // B(prev_hash)
      "0000000000000001",                            // U64(seq)
      "ffffffffffffffff",                            // U64(-1)
      "00000005", "61646d696e",                      // B(login)
      "00000000",                                    // B(device_id), empty
      "0000000a",                                    // U32(ACTION_DEVICE_ENROLLED)
      "02", "00000005", "6465762d37",                // subject target
      "00000000",                                    // no versions
      "00000000",                                    // B(digest), empty
      "00000000");                                   // no changes
  EXPECT_EQ(Hex(AuditHashedBytes(entry)), expected);
  ASSERT_OK_AND_ASSIGN(std::string hash, AuditHash(entry));
  EXPECT_EQ(Hex(hash), "6d39ab514a9df15bb205349954c678421ab97a90c3d00e81e205a2f0b756eaef");
}

AuditEntry PushEntry() {
  AuditEntry entry;
  entry.set_seq(9);
  entry.set_time_unix_micros(1700000000000000);
  entry.mutable_actor()->set_login("ctv.an");
  entry.mutable_actor()->set_device_id("tab-01");
  entry.set_action(ACTION_PUSH);
  entry.set_prev_hash(std::string(32, '\x22'));
  HouseholdChange* first = entry.add_changes();
  first->set_round_id("2025");
  first->set_household_id("h1");
  first->set_action(ACTION_PUSH_APPLIED);
  first->set_version(1);
  first->set_digest("\xaa");
  HouseholdChange* second = entry.add_changes();
  second->set_round_id("2025");
  second->set_household_id("h2");
  second->set_action(ACTION_PUSH_MERGED);
  second->set_version(3);
  second->set_digest("\xbb\xcc");
  return entry;
}

TEST(AuditHashTest, PushEntryWithTwoChangesEncodesToTheFixedVector) {
  const AuditEntry entry = PushEntry();
  const std::string expected = absl::StrCat(                //
      "0000000f", "7261736f61742d61756469742d7631",         // B("rasoat-audit-v1")
      "00000020", std::string(64, '2'),                     // B(prev_hash)
      "0000000000000009",                                   // U64(seq)
      "00060a24181e4000",                                   // U64(time_unix_micros)
      "00000006", "6374762e616e",                           // B(login)
      "00000006", "7461622d3031",                           // B(device_id)
      "00000018",                                           // U32(ACTION_PUSH)
      "00",                                                 // no target
      "00000000",                                           // no versions
      "00000000",                                           // B(digest), empty
      "00000002",                                           // two changes
      "00000004", "32303235", "00000002", "6831",           // B(round_id) B(household_id)
      "00000001", "0000000000000001", "00000001", "aa",     // APPLIED, version 1, B(digest)
      "00000004", "32303235", "00000002", "6832",           //
      "00000002", "0000000000000003", "00000002", "bbcc");  // MERGED, version 3, B(digest)
  EXPECT_EQ(Hex(AuditHashedBytes(entry)), expected);
  ASSERT_OK_AND_ASSIGN(std::string hash, AuditHash(entry));
  EXPECT_EQ(Hex(hash), "fedb8cefd78e6d5bef0f6fdfd61115885df113b957c792ac57000664bfdb4db1");
}

TEST(AuditHashTest, EveryFieldOfAChangeChangesTheHashedBytes) {
  const AuditEntry base = PushEntry();
  const std::string base_bytes = AuditHashedBytes(base);
  const std::vector<std::pair<std::string, std::function<void(AuditEntry&)>>> changes = {
      {"round_id", [](AuditEntry& e) { e.mutable_changes(1)->set_round_id("2026"); }},
      {"household_id", [](AuditEntry& e) { e.mutable_changes(1)->set_household_id("h3"); }},
      {"action", [](AuditEntry& e) { e.mutable_changes(1)->set_action(ACTION_PUSH_CONFLICT); }},
      {"version", [](AuditEntry& e) { e.mutable_changes(1)->set_version(4); }},
      {"digest", [](AuditEntry& e) { e.mutable_changes(1)->set_digest("\xbb"); }},
      {"order", [](AuditEntry& e) { e.mutable_changes()->SwapElements(0, 1); }},
      {"one change fewer", [](AuditEntry& e) { e.mutable_changes()->RemoveLast(); }},
  };
  for (const auto& [name, change] : changes) {
    AuditEntry changed = base;
    change(changed);
    EXPECT_NE(AuditHashedBytes(changed), base_bytes) << name;
  }
}

TEST(AuditHashTest, EveryFieldButTheHashChangesTheHashedBytes) {
  const AuditEntry base = HouseholdEntry();
  const std::string base_bytes = AuditHashedBytes(base);
  const std::vector<std::pair<std::string, std::function<void(AuditEntry&)>>> changes = {
      {"seq", [](AuditEntry& e) { e.set_seq(8); }},
      {"time", [](AuditEntry& e) { e.set_time_unix_micros(1700000000123457); }},
      {"login", [](AuditEntry& e) { e.mutable_actor()->set_login("reviewer.xb"); }},
      {"device_id", [](AuditEntry& e) { e.mutable_actor()->clear_device_id(); }},
      {"action", [](AuditEntry& e) { e.set_action(ACTION_RETURNED); }},
      {"round_id", [](AuditEntry& e) { e.mutable_household()->set_round_id("2026"); }},
      {"household_id", [](AuditEntry& e) { e.mutable_household()->set_household_id("x"); }},
      {"target kind", [](AuditEntry& e) { e.set_subject("26881-003-0042"); }},
      {"no target", [](AuditEntry& e) { e.clear_target(); }},
      {"a version", [](AuditEntry& e) { e.set_versions(1, 5); }},
      {"version order", [](AuditEntry& e) { e.mutable_versions()->SwapElements(0, 1); }},
      {"one version more", [](AuditEntry& e) { e.add_versions(0); }},
      {"digest", [](AuditEntry& e) { e.set_digest(std::string("\x01\x02\x04", 3)); }},
      {"prev_hash", [](AuditEntry& e) { e.set_prev_hash(std::string(32, '\x12')); }},
  };
  for (const auto& [name, change] : changes) {
    AuditEntry changed = base;
    change(changed);
    EXPECT_NE(AuditHashedBytes(changed), base_bytes) << name;
  }
  AuditEntry rehashed = base;
  rehashed.set_hash(std::string(32, '\x42'));
  EXPECT_EQ(AuditHashedBytes(rehashed), base_bytes);
}

TEST(AuditHashTest, LengthPrefixesKeepNeighbouringFieldsApart) {
  AuditEntry left = HouseholdEntry();
  AuditEntry right = HouseholdEntry();
  left.mutable_actor()->set_login("ab");
  left.mutable_actor()->set_device_id("c");
  right.mutable_actor()->set_login("a");
  right.mutable_actor()->set_device_id("bc");
  EXPECT_NE(AuditHashedBytes(left), AuditHashedBytes(right));

  left = HouseholdEntry();
  right = HouseholdEntry();
  left.mutable_household()->set_round_id("2025-1");
  left.mutable_household()->set_household_id("2");
  right.mutable_household()->set_round_id("2025");
  right.mutable_household()->set_household_id("-12");
  EXPECT_NE(AuditHashedBytes(left), AuditHashedBytes(right));

  // No target and an empty subject are different entries.
  left.clear_target();
  right.set_subject("");
  EXPECT_NE(AuditHashedBytes(left), AuditHashedBytes(right));
}

TEST(AuditHashTest, TheProtobufSerializationDoesNotMatter) {
  const AuditEntry entry = HouseholdEntry();
  // The same fields serialized last to first: another protobuf encoding of the same entry.
  AuditEntry digest_only, versions_only, household_only, rest;
  digest_only.set_digest(entry.digest());
  digest_only.set_prev_hash(entry.prev_hash());
  *versions_only.mutable_versions() = entry.versions();
  *household_only.mutable_household() = entry.household();
  rest = entry;
  rest.clear_digest();
  rest.clear_prev_hash();
  rest.clear_versions();
  rest.clear_target();
  const std::string reordered = digest_only.SerializeAsString() +
                                versions_only.SerializeAsString() +
                                household_only.SerializeAsString() + rest.SerializeAsString();
  ASSERT_NE(reordered, entry.SerializeAsString());
  AuditEntry parsed;
  ASSERT_TRUE(parsed.ParseFromString(reordered));
  EXPECT_EQ(AuditHashedBytes(parsed), AuditHashedBytes(entry));
}

}  // namespace
}  // namespace rasoat::audit
