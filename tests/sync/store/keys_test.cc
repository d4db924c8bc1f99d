// Binary keys of the column families: numbers sort numerically, prefixes nest, components
// never run into each other.
#include "sync/store/keys.h"

#include <cstdint>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rasoat {
namespace {

using ::testing::Optional;
using ::testing::StartsWith;

TEST(KeysTest, VersionsSortNumericallyAsByteStrings) {
  // Little-endian or decimal encodings would put 256 before 2, or 65536 before 256.
  const std::string v2 = VersionKeyOf("2026", "hh-1", 2);
  const std::string v256 = VersionKeyOf("2026", "hh-1", 256);
  const std::string v65536 = VersionKeyOf("2026", "hh-1", 65536);
  EXPECT_LT(v2, v256);
  EXPECT_LT(v256, v65536);
  EXPECT_LT(VersionKeyOf("2026", "hh-1", 1), v2);
  EXPECT_LT(v65536, VersionKeyOf("2026", "hh-1", UINT64_MAX));
}

TEST(KeysTest, ChangeSeqsSortNumericallyWithinAVillage) {
  const std::vector<uint64_t> seqs = {0, 1, 2, 255, 256, 65535, 65536, 1ull << 32, UINT64_MAX};
  for (size_t i = 1; i < seqs.size(); ++i) {
    EXPECT_LT(ChangeKeyOf("2026", "00001", "thon-1", seqs[i - 1]),
              ChangeKeyOf("2026", "00001", "thon-1", seqs[i]))
        << seqs[i - 1] << " vs " << seqs[i];
  }
}

TEST(KeysTest, Fixed64IsBigEndianAndRoundTrips) {
  EXPECT_EQ(EncodeFixed64BE(0x0102030405060708ull),
            std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
  for (uint64_t value : {0ull, 1ull, 255ull, 256ull, 65536ull, 0x8000000000000000ull,
                         static_cast<unsigned long long>(UINT64_MAX)}) {
    EXPECT_EQ(DecodeFixed64BE(EncodeFixed64BE(value)), value);
  }
}

TEST(KeysTest, ChangeKeyStartsWithVillagePrefixWhichStartsWithCommunePrefix) {
  const std::string key = ChangeKeyOf("2026", "00001", "thon-1", 42);
  const std::string village_prefix = ChangePrefixOf("2026", "00001", "thon-1");
  const std::string commune_prefix = ChangeCommunePrefixOf("2026", "00001");
  EXPECT_THAT(key, StartsWith(village_prefix));
  EXPECT_THAT(village_prefix, StartsWith(commune_prefix));
  // The village prefix is followed by exactly the 8-byte seq.
  EXPECT_EQ(key.size(), village_prefix.size() + 8);
  EXPECT_EQ(key.substr(village_prefix.size()), EncodeFixed64BE(42));
}

TEST(KeysTest, PrefixesDoNotMatchNeighbouringCodes) {
  // "thon-1" must not match the keys of "thon-10", nor commune "0000" those of "00001".
  EXPECT_THAT(ChangeKeyOf("2026", "00001", "thon-10", 1),
              ::testing::Not(StartsWith(ChangePrefixOf("2026", "00001", "thon-1"))));
  EXPECT_THAT(ChangeKeyOf("2026", "00001", "thon-1", 1),
              ::testing::Not(StartsWith(ChangeCommunePrefixOf("2026", "0000"))));
  EXPECT_THAT(ChangeKeyOf("2027", "00001", "thon-1", 1),
              ::testing::Not(StartsWith(ChangeCommunePrefixOf("2026", "00001"))));
}

TEST(KeysTest, SeqAndVillageRoundTripThroughAChangeKey) {
  const std::string commune_prefix = ChangeCommunePrefixOf("2026", "00001");
  for (const std::string& village :
       std::vector<std::string>{"thon-1", "x", "", std::string(kMaxIdBytes, 'v')}) {
    for (uint64_t seq :
         {0ull, 1ull, 256ull, 0x0123456789abcdefull, static_cast<unsigned long long>(UINT64_MAX)}) {
      const std::string key = ChangeKeyOf("2026", "00001", village, seq);
      EXPECT_EQ(SeqOfChangeKey(key), seq) << village;
      EXPECT_THAT(VillageOfChangeKey(key, commune_prefix.size()), Optional(village)) << seq;
    }
  }
}

TEST(KeysTest, VillageOfMalformedChangeKeyIsNullopt) {
  const std::string commune_prefix = ChangeCommunePrefixOf("2026", "00001");
  const std::string key = ChangeKeyOf("2026", "00001", "thon-1", 7);
  EXPECT_EQ(VillageOfChangeKey(key.substr(0, key.size() - 1), commune_prefix.size()), std::nullopt);
  EXPECT_EQ(VillageOfChangeKey(key + "z", commune_prefix.size()), std::nullopt);
  EXPECT_EQ(VillageOfChangeKey(commune_prefix, commune_prefix.size()), std::nullopt);
}

TEST(KeysTest, ComponentsDoNotRunIntoEachOther) {
  // Plain concatenation would make ("20", "26x") and ("2026", "x") the same key.
  EXPECT_NE(HouseholdKeyOf("20", "26x"), HouseholdKeyOf("2026", "x"));
  EXPECT_NE(VersionKeyOf("20", "26x", 1), VersionKeyOf("2026", "x", 1));
  EXPECT_NE(MutationKeyOf("20", "26x"), MutationKeyOf("2026", "x"));
  EXPECT_NE(ChangeKeyOf("20", "26x", "v", 1), ChangeKeyOf("2026", "x", "v", 1));
  EXPECT_NE(ChangeKeyOf("2026", "00", "001v", 1), ChangeKeyOf("2026", "0000", "1v", 1));
  EXPECT_NE(ChangeCommunePrefixOf("20", "26x"), ChangeCommunePrefixOf("2026", "x"));
  // Nor is one household's key a prefix of another's, which a prefix scan would confuse.
  EXPECT_THAT(VersionKeyOf("2026", "hh-10", 1),
              ::testing::Not(StartsWith(HouseholdKeyOf("2026", "hh-1"))));
  EXPECT_THAT(VersionKeyOf("2026", "hh-1", 1), StartsWith(HouseholdKeyOf("2026", "hh-1")));
}

}  // namespace
}  // namespace rasoat
