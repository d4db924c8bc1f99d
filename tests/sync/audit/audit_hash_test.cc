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
      "00000003", "010203");                               // B(digest)
  EXPECT_EQ(Hex(AuditHashedBytes(entry)), expected);
  ASSERT_OK_AND_ASSIGN(std::string hash, AuditHash(entry));
  EXPECT_EQ(Hex(hash), "0c1c3cc2f95e3a5a9b09f41d1d4626f945cc5372adabdc08ad94cd0da1197c8f");
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
      "00000000");                                   // B(digest), empty
  EXPECT_EQ(Hex(AuditHashedBytes(entry)), expected);
  ASSERT_OK_AND_ASSIGN(std::string hash, AuditHash(entry));
  EXPECT_EQ(Hex(hash), "8005839589008119f9f9dc6f3ce399b56c08a1b747841785272f2af1694c087f");
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
