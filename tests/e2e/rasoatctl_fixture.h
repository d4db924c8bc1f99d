// RasoatctlE2eTest: a real rasoatd with a tablet's sync stub, and rasoatctl run against it as a
// subprocess with its --json output parsed back into the wire messages; a known household whose
// classification the tests can predict. Used by rasoatctl_e2e_test.cc and
// rasoatctl_output_e2e_test.cc. Not thread-safe, like the fixture it extends.
#ifndef RASOAT_TESTS_E2E_RASOATCTL_FIXTURE_H_
#define RASOAT_TESTS_E2E_RASOATCTL_FIXTURE_H_

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <google/protobuf/util/json_util.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "rasoat/v1/review.pb.h"
#include "rasoat/v1/sync.pb.h"
#include "tests/e2e/program_run.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"

namespace rasoat::testing {

inline constexpr char kCommune[] = "01234";
inline constexpr char kVillage[] = "thon-1";
// The reviewer of kCommune rasoatctl acts as: the login approvals and returns name.
inline constexpr char kReviewer[] = "canbo.lan";

// `json` parsed as a Message, or why it is not one.
template <typename Message>
absl::StatusOr<Message> ParseJson(const std::string& json) {
  Message message;
  const auto status = google::protobuf::util::JsonStringToMessage(json, &message);
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("not a ", Message::descriptor()->full_name(), ": ",
                                            status.ToString(), "\n", json));
  }
  return message;
}

// What `show --json` prints: {"household": ..., "diff": ...}.
struct ShowOutput {
  v1::GetHouseholdResponse household;
  std::optional<v1::DiffVersionsResponse> diff;
};

// `show --json`'s output parsed, or why it is not that.
absl::StatusOr<ShowOutput> ParseShowJson(const std::string& json);

// A valid rural household of two working adults in (kCommune, village), with a wage of
// `monthly_vnd_per_person` a month for each member, and either no deprivation at all or exactly
// four: housing quality, water, latrine and information devices.
v1::Household KnownHousehold(const std::string& village, int64_t monthly_vnd_per_person,
                             bool deprived);

// A record the tablet sends must pass validation, or every review step below starts from
// NEEDS_CORRECTION: when this fails, the issues say what to fix in the test households.
std::string IssuesOf(const absl::StatusOr<ShowOutput>& show);

class RasoatctlE2eTest : public SyncE2eTest {
 protected:
  // rasoatctl ARGS against this test's server, as kReviewer.
  ProgramResult Ctl(std::vector<std::string> args) {
    args.insert(args.begin(), {RASOATCTL_PATH, absl::StrCat("--server=", server_->address()),
                               absl::StrCat("--token_file=", ReviewerTokenFile())});
    return RunProgram(args);
  }

  // A file holding a token of kReviewer, a reviewer of kCommune, made on first use.
  std::string ReviewerTokenFile() {
    const std::string path = dir_.Sub("reviewer.token");
    if (!reviewer_token_written_) {
      v1::Scope commune;
      commune.set_commune_code(kCommune);
      absl::StatusOr<std::string> token =
          server_->MakeUserToken(kReviewer, v1::ROLE_REVIEWER, {commune});
      EXPECT_TRUE(token.ok()) << token.status();
      std::ofstream(path) << token.value_or("") << "\n";
      reviewer_token_written_ = true;
    }
    return path;
  }
  bool reviewer_token_written_ = false;

  // rasoatctl --json ARGS, its output parsed as Message; an error with what it printed when it
  // did not exit 0 or printed something else.
  template <typename Message>
  absl::StatusOr<Message> CtlJson(std::vector<std::string> args) {
    args.push_back("--json");
    ProgramResult result = Ctl(args);
    if (result.exit_code != 0) return absl::InternalError(Describe(result));
    return ParseJson<Message>(result.out);
  }

  absl::StatusOr<ShowOutput> Show(const std::string& household_id,
                                  std::vector<std::string> flags = {}) {
    flags.insert(flags.begin(), {"show", household_id, "--json"});
    ProgramResult result = Ctl(flags);
    if (result.exit_code != 0) return absl::InternalError(Describe(result));
    return ParseShowJson(result.out);
  }

  // The tablet pushes one mutation; OK when it applied as `version`.
  absl::Status PushApplied(const std::string& household_id, const std::string& mutation_id,
                           uint64_t base_version, v1::Household record, uint64_t version) {
    absl::StatusOr<v1::PushResponse> response =
        Push(stub_.get(), "tab-1",
             {MakeMutation(household_id, mutation_id, base_version, std::move(record))});
    if (!response.ok()) return response.status();
    const v1::MutationResult& result = response->results(0);
    if (result.outcome() != v1::MUTATION_OUTCOME_APPLIED || result.version() != version) {
      return absl::InternalError(absl::StrCat("push of ", household_id, " did not apply as v",
                                              version, ": ", result.DebugString()));
    }
    return absl::OkStatus();
  }

  // The queue entry of `household_id` in `queue`, or nullptr.
  static const v1::QueueEntry* Find(const v1::ListQueueResponse& queue,
                                    const std::string& household_id) {
    for (const v1::QueueEntry& entry : queue.entries()) {
      if (entry.key().household_id() == household_id) return &entry;
    }
    return nullptr;
  }
};

}  // namespace rasoat::testing

#endif  // RASOAT_TESTS_E2E_RASOATCTL_FIXTURE_H_
