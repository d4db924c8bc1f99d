#include "tablet/consistency_check.h"

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include <google/protobuf/util/message_differencer.h>
#include <grpcpp/client_context.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tablet/grpc_status.h"
#include "tablet/merge_replay.h"
#include "tablet/record_paths.h"

namespace rasoat::tablet {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using Problems = std::vector<std::string>;
using ConflictId = std::tuple<std::string, std::string, std::string>;

constexpr std::chrono::seconds kRpcDeadline(60);

std::string Show(const std::optional<std::string>& value) {
  return value.has_value() ? *value : "(absent)";
}

std::string Name(const JournalEntry& entry) {
  return absl::StrCat(entry.device_id, ": mutation ", entry.mutation_id, " of household ",
                      entry.household_id);
}

std::string Show(const ConflictId& conflict) {
  return absl::StrCat(std::get<0>(conflict), " raised by ", std::get<2>(conflict), " of ",
                      std::get<1>(conflict));
}

// Rules 1 and 2 for one household.
void CheckMutations(const v1::GetHouseholdResponse& server,
                    const std::vector<const JournalEntry*>& entries, Problems* problems) {
  std::map<std::pair<std::string, std::string>, std::vector<uint64_t>> pushed;
  for (const v1::HistoryEntry& event : server.history()) {
    if (event.kind() == v1::HistoryEntry::KIND_PUSH) {
      pushed[{event.device_id(), event.mutation_id()}].push_back(event.version());
    }
  }
  for (const JournalEntry* entry : entries) {
    if (!entry->acknowledged) {
      problems->push_back(absl::StrCat(Name(*entry), ": never acknowledged"));
      continue;
    }
    if (entry->version == 0 || entry->outcome == v1::MUTATION_OUTCOME_REJECTED ||
        entry->outcome == v1::MUTATION_OUTCOME_UNSPECIFIED) {
      problems->push_back(absl::StrCat(Name(*entry), ": not applied (",
                                       v1::MutationOutcome_Name(entry->outcome),
                                       "): ", entry->rejection));
      continue;
    }
    const std::vector<uint64_t>& versions = pushed[{entry->device_id, entry->mutation_id}];
    if (versions.size() != 1) {
      problems->push_back(absl::StrCat(Name(*entry), ": in the server's history ", versions.size(),
                                       " times, not once"));
    } else if (versions[0] != entry->version) {
      problems->push_back(absl::StrCat(Name(*entry), ": acknowledged as version ", entry->version,
                                       ", in the history as version ", versions[0]));
    }
    for (const std::string& path : entry->added_elements) {
      if (!ValueAt(server.state().record(), path).has_value()) {
        problems->push_back(
            absl::StrCat(Name(*entry), ": added ", path, ", which the server's record lacks"));
      }
    }
  }
}

// Rule 3 where the journals made every version: the server must be what the replay says.
void CheckReplayed(const v1::GetHouseholdResponse& server, const ReplayedHousehold& replayed,
                   Problems* problems) {
  const v1::HouseholdState& state = server.state();
  const std::string& household = state.key().household_id();
  for (const auto& [path, expected] : replayed.values) {
    const std::optional<std::string> actual = ValueAt(state.record(), path);
    if (actual == expected) continue;
    const JournalEntry* writer = replayed.last_writers.at(path);
    problems->push_back(absl::StrCat(
        "household ", household, " at version ", state.version(), ": ", path, " is ", Show(actual),
        "; the journaled mutations, merged in version order, make it ", Show(expected),
        writer == nullptr
            ? std::string(" (as created)")
            : absl::StrCat(" (set by ", writer->mutation_id, " of ", writer->device_id, ")")));
  }
  std::set<ConflictId> open;
  for (const v1::FieldConflict& conflict : state.conflicts()) {
    open.emplace(conflict.path(), conflict.incoming_device_id(), conflict.incoming_mutation_id());
  }
  for (const ConflictId& conflict : replayed.conflicts) {
    if (!open.contains(conflict)) {
      problems->push_back(absl::StrCat("household ", household, ": no open conflict at ",
                                       Show(conflict), ", where the edits collided"));
    }
  }
  for (const ConflictId& conflict : open) {
    if (!replayed.conflicts.contains(conflict)) {
      problems->push_back(absl::StrCat("household ", household, ": an open conflict at ",
                                       Show(conflict), " that the merge rules do not make"));
    }
  }
  for (const auto& [entry, outcome] : replayed.outcomes) {
    if (entry->outcome != outcome) {
      problems->push_back(absl::StrCat(Name(*entry), ": ", v1::MutationOutcome_Name(entry->outcome),
                                       ", where the merge rules give ",
                                       v1::MutationOutcome_Name(outcome)));
    }
  }
}

// Rule 3 where some version was made by someone without a journal here.
void CheckChangedFields(const v1::GetHouseholdResponse& server,
                        const std::vector<const JournalEntry*>& entries, Problems* problems) {
  const v1::HouseholdState& state = server.state();
  for (const JournalEntry* entry : entries) {
    if (!entry->acknowledged || entry->version == 0) continue;  // reported by rule 1
    for (const std::string& path : entry->changed_paths) {
      const std::optional<std::string> mine = ValueAt(entry->record, path);
      const std::optional<std::string> theirs = ValueAt(state.record(), path);
      if (mine == theirs) continue;
      bool explained = false;
      for (const v1::FieldConflict& conflict : state.conflicts()) {
        explained |= conflict.path() == path && conflict.incoming_device_id() == entry->device_id &&
                     conflict.incoming_mutation_id() == entry->mutation_id;
      }
      for (const JournalEntry* later : entries) {
        if (!later->acknowledged || later->version <= entry->version) continue;
        for (const std::string& changed : later->changed_paths) explained |= changed == path;
      }
      if (!explained) {
        problems->push_back(absl::StrCat(
            Name(*entry), ": set ", path, " to ", Show(mine), "; the server has ", Show(theirs),
            ", with no open conflict raised by this mutation and no later journaled change"));
      }
    }
  }
}

absl::StatusOr<std::map<std::string, v1::HouseholdState>> PullVillage(
    v1::SyncService::Stub* sync, const std::string& round_id, const std::string& commune_code,
    const std::string& village_code) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + kRpcDeadline);
  v1::PullRequest request;
  request.set_round_id(round_id);
  request.add_scopes()->set_commune_code(commune_code);
  request.mutable_scopes(0)->set_village_code(village_code);
  std::unique_ptr<grpc::ClientReader<v1::PullResponse>> reader = sync->Pull(&context, request);
  std::map<std::string, v1::HouseholdState> truth;
  v1::PullResponse page;
  while (reader->Read(&page)) {
    // From an empty cursor the removals are of households that left the village: not in it.
    for (const v1::HouseholdState& state : page.households()) {
      truth[state.key().household_id()] = state;
    }
  }
  if (grpc::Status status = reader->Finish(); !status.ok()) return FromGrpc(status);
  return truth;
}

bool SameConflicts(const v1::HouseholdState& a, const v1::HouseholdState& b) {
  if (a.conflicts_size() != b.conflicts_size()) return false;
  for (int i = 0; i < a.conflicts_size(); ++i) {
    if (!MessageDifferencer::Equals(a.conflicts(i), b.conflicts(i))) return false;
  }
  return true;
}

// Rule 4 for one tablet; returns how many of its copies it compared.
size_t CompareCopy(const SimulatedTablet& tablet,
                   const std::map<std::string, v1::HouseholdState>& truth, Problems* problems) {
  size_t compared = 0;
  const auto& local = tablet.local().households();
  const std::string& device = tablet.device_id();
  for (const auto& [id, server] : truth) {
    auto it = local.find(id);
    if (it == local.end() || it->second.server.version() == 0) {
      problems->push_back(absl::StrCat(device, ": lacks household ", id, " (version ",
                                       server.version(), " on the server)"));
      continue;
    }
    const v1::HouseholdState& mine = it->second.server;
    ++compared;
    std::vector<std::string> differences;
    if (it->second.draft.has_value()) differences.push_back("edits never acknowledged");
    if (mine.version() != server.version()) {
      differences.push_back(
          absl::StrCat("version ", mine.version(), " (server ", server.version(), ")"));
    }
    if (!MessageDifferencer::Equals(mine.record(), server.record())) {
      differences.push_back("record");
    }
    if (mine.status() != server.status()) {
      differences.push_back(absl::StrCat("status ", v1::ReviewStatus_Name(mine.status()),
                                         " (server ", v1::ReviewStatus_Name(server.status()), ")"));
    }
    if (mine.reviewer_comment() != server.reviewer_comment()) {
      differences.push_back("reviewer comment");
    }
    if (!SameConflicts(mine, server)) {
      differences.push_back(absl::StrCat(mine.conflicts_size(), " open conflicts (server ",
                                         server.conflicts_size(), ")"));
    }
    if (!differences.empty()) {
      problems->push_back(absl::StrCat(device, ": household ", id, " differs from the server: ",
                                       absl::StrJoin(differences, ", ")));
    }
  }
  for (const auto& [id, household] : local) {
    const v1::Location& where = household.server.record().location();
    if (household.server.version() > 0 && (where.commune_code() != tablet.options().commune_code ||
                                           where.village_code() != tablet.village_code())) {
      // It moved, and the tablet missed the removal that should have told it.
      problems->push_back(absl::StrCat(device, ": holds household ", id, " of village ",
                                       where.village_code(), " (commune ", where.commune_code(),
                                       "), outside its village ", tablet.village_code()));
      continue;
    }
    if (truth.contains(id)) continue;
    problems->push_back(
        absl::StrCat(device, ": has household ", id,
                     household.server.version() == 0
                         ? std::string(", registered here and never acknowledged")
                         : absl::StrCat(" at version ", household.server.version(),
                                        ", which the server's village does not have")));
  }
  return compared;
}

}  // namespace

absl::StatusOr<ConsistencyReport> CheckConsistency(
    const std::vector<const SimulatedTablet*>& tablets, v1::SyncService::Stub* sync,
    v1::ReviewService::Stub* review, const std::string& round_id, const std::string& commune_code) {
  ConsistencyReport report;
  Problems& problems = report.problems;
  std::map<std::string, std::vector<const JournalEntry*>> by_household;
  for (const SimulatedTablet* tablet : tablets) {
    for (const JournalEntry& entry : tablet->journal()) {
      by_household[entry.household_id].push_back(&entry);
    }
    report.mutations += tablet->journal().size();
  }
  for (const auto& [household_id, entries] : by_household) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + kRpcDeadline);
    v1::GetHouseholdRequest request;
    request.mutable_key()->set_round_id(round_id);
    request.mutable_key()->set_household_id(household_id);
    v1::GetHouseholdResponse server;
    const grpc::Status status = review->GetHousehold(&context, request, &server);
    if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
      for (const JournalEntry* entry : entries) {
        problems.push_back(absl::StrCat(Name(*entry), ": the server has no such household"));
      }
      continue;
    }
    if (!status.ok()) return FromGrpc(status);
    CheckMutations(server, entries, &problems);
    if (std::optional<ReplayedHousehold> replayed = ReplayMerges(server, entries)) {
      CheckReplayed(server, *replayed, &problems);
      ++report.households_replayed;
    } else {
      CheckChangedFields(server, entries, &problems);
      ++report.households_not_replayed;
    }
  }

  std::map<std::string, std::vector<const SimulatedTablet*>> by_village;
  for (const SimulatedTablet* tablet : tablets)
    by_village[tablet->village_code()].push_back(tablet);
  for (const auto& [village, village_tablets] : by_village) {
    absl::StatusOr<std::map<std::string, v1::HouseholdState>> truth =
        PullVillage(sync, round_id, commune_code, village);
    if (!truth.ok()) return truth.status();
    for (const SimulatedTablet* tablet : village_tablets) {
      report.copies_compared += CompareCopy(*tablet, *truth, &problems);
    }
  }
  return report;
}

}  // namespace rasoat::tablet
