// Fuzzes the checks at the edge of SyncService.Push (sync/push/mutation_check.h and
// sync/push/record_check.h) with any bytes a tablet could send as a PushRequest, and the rules
// that assess what they let through. For every mutation of a request that parses:
//   - a rejection is INVALID_ARGUMENT with a message and at least one violation, each named
//     under "mutations[<index>].";
//   - the record is rejected for its size exactly when it is over max_record_bytes;
//   - CheckRecordFields reports at most max_violations, and a smaller limit reports the first
//     ones of a larger limit's report;
//   - an accepted mutation has a known round, ids of 1 to kMaxIdBytes bytes and a record
//     without a field violation, and every element of its identity-keyed lists can be named by
//     a merge path (`members[<id>]`), as the merge and ResolveConflict will name it;
//   - the rules assess an accepted record without a crash, as Push does next.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rasoat/v1/sync.pb.h"
#include "sync/base/limits.h"
#include "sync/merge/merge_path.h"
#include "sync/push/mutation_check.h"
#include "sync/push/push_options.h"
#include "sync/push/record_check.h"
#include "sync/rules/assessment.h"
#include "sync/rules/rounds.h"
#include "tests/fuzz/fuzz_input.h"

namespace rasoat {
namespace {

using fuzz::Require;

// 2026-03-01T00:00:00Z: the commit time the rules assess a record at.
constexpr int64_t kCommittedAtMicros = 1772323200LL * 1000000;

// A smaller record limit than the default, which no fuzz input reaches.
constexpr size_t kSmallRecordLimit = 1024;

// The rounds of a server with the default options and the built-in standards, loaded once.
const rules::Rounds& DefaultRounds() {
  static const rules::Rounds* const rounds = [] {
    absl::StatusOr<rules::Rounds> loaded = rules::Rounds::Load(rules::RoundsOptions{});
    Require(loaded.ok(), "the default rounds load");
    return new rules::Rounds(*std::move(loaded));
  }();
  return *rounds;
}

// (path, description) of each violation CheckRecordFields reports.
using RecordViolation = std::pair<std::string, std::string>;

std::vector<RecordViolation> RecordViolations(const v1::Household& record, int max_violations) {
  std::vector<RecordViolation> violations;
  CheckRecordFields(record, max_violations,
                    [&violations](const std::string& path, std::string description) {
                      violations.emplace_back(path, std::move(description));
                    });
  return violations;
}

// The limit of CheckRecordFields cuts its report short and changes nothing else. Returns the
// whole report.
std::vector<RecordViolation> CheckViolationLimit(const v1::Household& record) {
  constexpr int kNoLimit = 1 << 30;
  std::vector<RecordViolation> all = RecordViolations(record, kNoLimit);
  for (const int limit : {0, 1, 3}) {
    const std::vector<RecordViolation> first = RecordViolations(record, limit);
    Require(first.size() == std::min(static_cast<size_t>(limit), all.size()),
            "CheckRecordFields reports min(max_violations, all) violations");
    Require(std::equal(first.begin(), first.end(), all.begin()),
            "a smaller max_violations reports the first violations of a larger one");
  }
  return all;
}

bool HasViolationAt(const v1::Rejection& rejection, const std::string& field) {
  return std::any_of(
      rejection.field_violations().begin(), rejection.field_violations().end(),
      [&field](const v1::FieldViolation& violation) { return violation.field() == field; });
}

void CheckRejection(const v1::Rejection& rejection, int index) {
  Require(rejection.code() == static_cast<int>(absl::StatusCode::kInvalidArgument),
          "a rejected mutation is INVALID_ARGUMENT");
  Require(!rejection.message().empty(), "a rejection has a message");
  Require(!rejection.field_violations().empty(), "a rejection names at least one field");
  const std::string prefix = absl::StrCat("mutations[", index, "].");
  for (const v1::FieldViolation& violation : rejection.field_violations()) {
    Require(absl::StartsWith(violation.field(), prefix),
            "a violation is named by its path under its mutation");
    Require(!violation.description().empty(), "a violation says what is wrong");
  }
}

// Each element of `list` (the `list_name` field of an accepted record) can be named by a path.
template <typename List, typename IdOf>
void CheckElementsNameable(const v1::Household& record, const List& list,
                           const std::string& list_name, IdOf id_of) {
  for (const auto& element : list) {
    absl::StatusOr<std::pair<bool, std::string>> value =
        ValueAtPath(record, absl::StrCat(list_name, "[", id_of(element), "]"));
    Require(value.ok() && value->first,
            "every element of an accepted record can be named by a merge path");
  }
}

void CheckAccepted(const v1::Mutation& mutation, const rules::Rounds& rounds,
                   const PushOptions& options, const std::vector<RecordViolation>& violations) {
  Require(rounds.CheckKey(mutation.key()).ok(), "an accepted mutation has a key of a round");
  Require(!mutation.mutation_id().empty() && mutation.mutation_id().size() <= kMaxIdBytes,
          "an accepted mutation has a mutation id of 1 to kMaxIdBytes bytes");
  Require(mutation.has_record(), "an accepted mutation has a record");
  const v1::Household& record = mutation.record();
  Require(record.ByteSizeLong() <= options.max_record_bytes,
          "an accepted record is within max_record_bytes");
  Require(violations.empty(), "an accepted record has no field violation");
  CheckElementsNameable(record, record.members(), "members",
                        [](const v1::Member& member) { return member.member_id(); });
  CheckElementsNameable(record, record.incomes(), "incomes",
                        [](const v1::IncomeItem& income) { return income.income_id(); });
  CheckElementsNameable(record, record.score_answers(), "score_answers",
                        [](const v1::ScoreAnswer& answer) { return answer.question_code(); });

  google::protobuf::RepeatedPtrField<v1::ValidationIssue> issues;
  v1::Classification classification;
  rules::Assess(rounds.standard(mutation.key().round_id()), record, kCommittedAtMicros, &issues,
                &classification);
}

void FuzzPushRequest(const uint8_t* data, size_t size) {
  v1::PushRequest request;
  if (!request.ParseFromArray(data, static_cast<int>(size))) return;
  const rules::Rounds& rounds = DefaultRounds();
  const PushOptions options;
  PushOptions small_options;
  small_options.max_record_bytes = kSmallRecordLimit;
  Require(options.Validate().ok() && small_options.Validate().ok(), "the push options are valid");

  for (int index = 0; index < request.mutations_size(); ++index) {
    const v1::Mutation& mutation = request.mutations(index);
    const std::vector<RecordViolation> violations = mutation.has_record()
                                                        ? CheckViolationLimit(mutation.record())
                                                        : std::vector<RecordViolation>();

    const std::optional<v1::Rejection> rejection = CheckMutation(mutation, index, rounds, options);
    if (rejection.has_value()) {
      CheckRejection(*rejection, index);
    } else {
      CheckAccepted(mutation, rounds, options, violations);
    }

    if (!mutation.has_record()) continue;
    const std::optional<v1::Rejection> small =
        CheckMutation(mutation, index, rounds, small_options);
    const bool too_large = mutation.record().ByteSizeLong() > kSmallRecordLimit;
    Require(small.has_value() == (too_large || rejection.has_value()),
            "a smaller record limit rejects what is over it, and nothing more");
    if (small.has_value()) {
      CheckRejection(*small, index);
      Require(HasViolationAt(*small, absl::StrCat("mutations[", index, "].record")) == too_large,
              "the record is rejected for its size exactly when it is over the limit");
    }
  }
}

}  // namespace
}  // namespace rasoat

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rasoat::FuzzPushRequest(data, size);
  return 0;
}
