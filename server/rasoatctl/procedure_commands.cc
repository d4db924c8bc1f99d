#include "server/rasoatctl/procedure_commands.h"

#include <algorithm>
#include <initializer_list>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "server/rasoatctl/args.h"

namespace rasoat::ctl {
namespace {

using Stub = v1::ReviewService::Stub;

// HOUSEHOLD@VERSION, and for a meeting an optional :AGREEING after it.
struct HouseholdWord {
  std::string household_id;
  uint64_t version = 0;
  bool has_agreeing = false;
  uint32_t agreeing = 0;
};

absl::StatusOr<HouseholdWord> ParseHouseholdWord(absl::string_view word, bool agreeing_allowed) {
  const size_t at = word.rfind('@');
  if (at == absl::string_view::npos || at == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", word, "': name a household at the version you looked at, HOUSEHOLD@VERSION"));
  }
  HouseholdWord parsed;
  parsed.household_id = std::string(word.substr(0, at));
  absl::string_view rest = word.substr(at + 1);
  if (const size_t colon = rest.find(':'); colon != absl::string_view::npos) {
    if (!agreeing_allowed || !absl::SimpleAtoi(rest.substr(colon + 1), &parsed.agreeing)) {
      return absl::InvalidArgumentError(
          absl::StrCat("'", word, "': HOUSEHOLD@VERSION", agreeing_allowed ? "[:AGREEING]" : ""));
    }
    parsed.has_agreeing = true;
    rest = rest.substr(0, colon);
  }
  absl::StatusOr<uint64_t> version = ParseVersion(rest);
  if (!version.ok()) return version.status();
  parsed.version = *version;
  return parsed;
}

absl::StatusOr<v1::Date> ParseDay(absl::string_view text) {
  const std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  int year = 0;
  int month = 0;
  int day = 0;
  if (parts.size() != 3 || parts[0].size() != 4 || !absl::SimpleAtoi(parts[0], &year) ||
      !absl::SimpleAtoi(parts[1], &month) || !absl::SimpleAtoi(parts[2], &day)) {
    return absl::InvalidArgumentError(absl::StrCat("'", text, "': a day is YYYY-MM-DD"));
  }
  v1::Date date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

std::string DayText(const v1::Date& date) {
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

// Adds the HOUSEHOLD@VERSION words of args[first..] to `request`, but for KEY=VALUE words,
// which go to `options` (KEY -> VALUE; a key may be given once).
template <typename Request>
absl::Status AddHouseholds(const std::vector<std::string>& args, size_t first, Request* request,
                           std::map<std::string, std::string>* options) {
  for (size_t i = first; i < args.size(); ++i) {
    if (const size_t equals = args[i].find('=');
        equals != std::string::npos && args[i].find('@') > equals) {
      if (!options->emplace(args[i].substr(0, equals), args[i].substr(equals + 1)).second) {
        return absl::InvalidArgumentError(absl::StrCat("'", args[i], "': given twice"));
      }
      continue;
    }
    absl::StatusOr<HouseholdWord> word = ParseHouseholdWord(args[i], false);
    if (!word.ok()) return word.status();
    v1::HouseholdVersion* household = request->add_households();
    household->set_household_id(word->household_id);
    household->set_version(word->version);
  }
  return absl::OkStatus();
}

// KEY=VALUE words the command does not know are usage errors.
absl::Status OnlyKnown(const std::map<std::string, std::string>& options,
                       std::initializer_list<absl::string_view> known) {
  for (const auto& [key, value] : options) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("'", key, "=': not an option of this command"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

int RunMeeting(const CommandContext& context, const std::vector<std::string>& args) {
  v1::RecordVillageMeetingRequest request;
  request.set_round_id(context.settings.round_id);
  const std::vector<std::string> place = absl::StrSplit(args[0], absl::MaxSplits('/', 1));
  if (place.size() != 2 || place[0].empty() || place[1].empty()) {
    return context.Usage(absl::StrCat("'", args[0], "': the meeting's COMMUNE/VILLAGE"));
  }
  request.set_commune_code(place[0]);
  request.set_village_code(place[1]);
  absl::StatusOr<v1::Date> held_on = ParseDay(args[1]);
  if (!held_on.ok()) return context.Usage(held_on.status().message());
  *request.mutable_held_on() = *held_on;
  uint32_t attendees = 0;
  if (!absl::SimpleAtoi(args[2], &attendees) || attendees == 0) {
    return context.Usage(absl::StrCat("'", args[2], "': how many attended, a positive number"));
  }
  request.set_attendees(attendees);
  request.set_minutes_reference(args[3]);
  for (size_t i = 4; i < args.size(); ++i) {
    if (absl::StartsWith(args[i], "note=")) {
      request.set_resurvey_note(args[i].substr(5));
      continue;
    }
    absl::StatusOr<HouseholdWord> word = ParseHouseholdWord(args[i], true);
    if (!word.ok()) return context.Usage(word.status().message());
    v1::MeetingResult* result = request.add_results();
    result->set_household_id(word->household_id);
    result->set_version(word->version);
    result->set_agreeing(word->agreeing);
    result->set_agreed_by_quorum(!word->has_agreeing);
  }
  v1::RecordVillageMeetingResponse response;
  grpc::Status status = context.Call(&Stub::RecordVillageMeeting, request, &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) return context.PrintJson(response);
  *context.out << "meeting of " << args[0] << " on " << args[1]
               << " recorded: " << response.agreed_size() << " agreed";
  if (!response.agreed().empty())
    *context.out << " (" << absl::StrJoin(response.agreed(), ", ") << ")";
  *context.out << ", " << response.resurvey_size() << " back for re-survey";
  if (!response.resurvey().empty()) {
    *context.out << " (" << absl::StrJoin(response.resurvey(), ", ") << ")";
  }
  *context.out << "\n";
  return kExitOk;
}

int RunPost(const CommandContext& context, const std::vector<std::string>& args) {
  v1::OpenPostingRequest request;
  request.set_round_id(context.settings.round_id);
  request.set_commune_code(args[0]);
  absl::StatusOr<v1::Date> first_day = ParseDay(args[1]);
  if (!first_day.ok()) return context.Usage(first_day.status().message());
  *request.mutable_first_day() = *first_day;
  std::map<std::string, std::string> options;
  if (absl::Status added = AddHouseholds(args, 2, &request, &options); !added.ok()) {
    return context.Usage(added.message());
  }
  if (absl::Status known = OnlyKnown(options, {"days"}); !known.ok()) {
    return context.Usage(known.message());
  }
  if (auto days = options.find("days"); days != options.end()) {
    uint32_t working_days = 0;
    if (!absl::SimpleAtoi(days->second, &working_days) || working_days == 0) {
      return context.Usage("days=N: a positive number of working days");
    }
    request.set_working_days(working_days);
  }
  v1::OpenPostingResponse response;
  grpc::Status status = context.Call(&Stub::OpenPosting, request, &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) return context.PrintJson(response);
  *context.out << response.households() << " household(s) posted from " << args[1]
               << "; objections taken until " << DayText(response.last_day()) << "\n";
  return kExitOk;
}

int RunObject(const CommandContext& context, const std::vector<std::string>& args) {
  absl::StatusOr<HouseholdWord> word = ParseHouseholdWord(args[0], false);
  if (!word.ok()) return context.Usage(word.status().message());
  absl::StatusOr<v1::Date> received_on = ParseDay(args[1]);
  if (!received_on.ok()) return context.Usage(received_on.status().message());
  if (!absl::StartsWith(args[2], "by=") || args[2].size() == 3) {
    return context.Usage("by=NAME: who objected");
  }
  const std::string objection = std::string(absl::StripAsciiWhitespace(
      absl::StrJoin(std::vector<std::string>(args.begin() + 3, args.end()), " ")));
  if (objection.empty()) return context.Usage("say what the objection is");
  v1::RecordObjectionRequest request;
  request.mutable_key()->set_round_id(context.settings.round_id);
  request.mutable_key()->set_household_id(word->household_id);
  request.set_version(word->version);
  *request.mutable_received_on() = *received_on;
  request.set_objector(args[2].substr(3));
  request.set_objection(objection);
  v1::RecordObjectionResponse response;
  grpc::Status status = context.Call(&Stub::RecordObjection, request, &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) return context.PrintJson(response);
  *context.out << "objection to " << word->household_id << " recorded; it is back in review\n";
  return kExitOk;
}

int RunRecognise(const CommandContext& context, const std::vector<std::string>& args) {
  v1::RecogniseRequest request;
  request.set_round_id(context.settings.round_id);
  request.set_commune_code(args[0]);
  absl::StatusOr<v1::Date> decided_on = ParseDay(args[1]);
  if (!decided_on.ok()) return context.Usage(decided_on.status().message());
  *request.mutable_decided_on() = *decided_on;
  request.set_decision_number(args[2]);
  std::map<std::string, std::string> options;
  if (absl::Status added = AddHouseholds(args, 3, &request, &options); !added.ok()) {
    return context.Usage(added.message());
  }
  if (absl::Status known = OnlyKnown(options, {}); !known.ok())
    return context.Usage(known.message());
  v1::RecogniseResponse response;
  grpc::Status status = context.Call(&Stub::Recognise, request, &response);
  if (!status.ok()) return context.RpcError(status);
  if (context.settings.json) return context.PrintJson(response);
  *context.out << response.households() << " household(s) recognised by decision " << args[2]
               << " of " << args[1] << "; they are being published\n";
  return kExitOk;
}

}  // namespace rasoat::ctl
