// Fuzzes what rasoat reads back from its own RocksDB values, which a damaged disk or an older
// version may have written: the first byte of the input picks what the rest is.
//   0: a versions-family value (sync/store/version_value.h);
//   1: a mutations-family value (sync/store/mutation_value.h), old (a bare result) or new;
//   2 and up: a store::HouseholdHead (a part, tests/fuzz/fuzz_input.h), then a version value,
//      shown on the head as a new version (sync/store/household_head.h ShowNewVersionOnHead).
// Properties: a value that decodes re-encodes to one that decodes to the same; decoding with
// an output skipped agrees with decoding both; a head shows a new version with the status its
// conflicts and validation issues call for, no reviewer comment, and the version's location,
// issue count and class.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/store/household_head.h"
#include "sync/store/mutation_value.h"
#include "sync/store/store_records.pb.h"
#include "sync/store/version_value.h"
#include "tests/fuzz/fuzz_input.h"

namespace rasoat {
namespace {

using fuzz::FuzzInput;
using fuzz::Require;

void VersionValueRoundTrips(std::string_view value) {
  store::VersionMeta meta;
  v1::Household record;
  if (!DecodeVersionValue(value, &meta, &record).ok()) return;
  store::VersionMeta meta_only;
  v1::Household record_only;
  Require(DecodeVersionValue(value, &meta_only, nullptr).ok() &&
              DecodeVersionValue(value, nullptr, &record_only).ok(),
          "a version value that decodes decodes with an output skipped");
  Require(meta_only.SerializeAsString() == meta.SerializeAsString() &&
              record_only.SerializeAsString() == record.SerializeAsString(),
          "skipping one output of a version value does not change the other");

  const std::string encoded = EncodeVersionValue(meta, record);
  store::VersionMeta meta_again;
  v1::Household record_again;
  Require(DecodeVersionValue(encoded, &meta_again, &record_again).ok(),
          "an encoded version value decodes");
  Require(meta_again.SerializeAsString() == meta.SerializeAsString() &&
              record_again.SerializeAsString() == record.SerializeAsString(),
          "a version value decodes to what was encoded");
}

void MutationValueRoundTrips(std::string_view value) {
  std::string digest;
  v1::MutationResult result;
  if (!DecodeMutationValue(value, &digest, &result).ok()) return;
  std::string digest_only;
  v1::MutationResult result_only;
  Require(DecodeMutationValue(value, &digest_only, nullptr).ok() &&
              DecodeMutationValue(value, nullptr, &result_only).ok(),
          "a mutation value that decodes decodes with an output skipped");
  Require(digest_only == digest && result_only.SerializeAsString() == result.SerializeAsString(),
          "skipping one output of a mutation value does not change the other");

  const std::string encoded = EncodeMutationValue(digest, result);
  std::string digest_again;
  v1::MutationResult result_again;
  Require(DecodeMutationValue(encoded, &digest_again, &result_again).ok(),
          "an encoded mutation value decodes");
  Require(digest_again == digest && result_again.SerializeAsString() == result.SerializeAsString(),
          "a mutation value decodes to what was encoded");
}

// The status a head starts a new version in: CONFLICT while it has open conflicts, else
// NEEDS_CORRECTION if the version has validation issues, else READY_FOR_REVIEW.
v1::ReviewStatus StatusOfNewVersion(const store::HouseholdHead& head,
                                    const store::VersionMeta& meta) {
  if (!head.conflicts().empty()) return v1::REVIEW_STATUS_CONFLICT;
  if (!meta.validation_issues().empty()) return v1::REVIEW_STATUS_NEEDS_CORRECTION;
  return v1::REVIEW_STATUS_READY_FOR_REVIEW;
}

void HeadShowsNewVersion(FuzzInput input) {
  const std::string_view head_bytes = input.TakePart();
  store::HouseholdHead head;
  if (!head.ParseFromArray(head_bytes.data(), static_cast<int>(head_bytes.size()))) return;
  store::VersionMeta meta;
  v1::Household record;
  if (!DecodeVersionValue(input.TakeRest(), &meta, &record).ok()) return;

  const store::HouseholdHead before = head;
  ShowNewVersionOnHead(meta, record, &head);
  Require(head.status() == StatusOfNewVersion(head, meta),
          "a new version's status follows its conflicts and issues");
  Require(head.reviewer_comment().empty(), "a new version has no reviewer comment");
  Require(head.commune_code() == record.location().commune_code() &&
              head.village_code() == record.location().village_code(),
          "the head is filed under the new version's location");
  Require(head.validation_issue_count() == static_cast<uint32_t>(meta.validation_issues_size()) &&
              head.poverty_class() == meta.classification().poverty_class() &&
              head.standard_digest() == meta.classification().standard_digest(),
          "the head shows the new version's issues and class");
  Require(head.current_version() == before.current_version() &&
              head.last_version() == before.last_version() &&
              head.approved_version() == before.approved_version() &&
              head.change_seq() == before.change_seq() &&
              head.conflicts_size() == before.conflicts_size(),
          "showing a version leaves the head's numbering, approval and conflicts");

  const std::string serialized = head.SerializeAsString();
  store::HouseholdHead again;
  Require(again.ParseFromString(serialized) && again.SerializeAsString() == serialized,
          "a head shown with a new version is stored and read back as it is");
}

void FuzzStoredValue(const uint8_t* data, size_t size) {
  FuzzInput input(data, size);
  switch (input.TakeByte()) {
    case 0:
      return VersionValueRoundTrips(input.TakeRest());
    case 1:
      return MutationValueRoundTrips(input.TakeRest());
    default:
      return HeadShowsNewVersion(input);
  }
}

}  // namespace
}  // namespace rasoat

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rasoat::FuzzStoredValue(data, size);
  return 0;
}
