#include "sync/review/posting_listing.h"

#include <algorithm>
#include <tuple>

#include "absl/time/clock.h"
#include "sync/base/status_macros.h"
#include "sync/review/commune_scope.h"
#include "sync/review/previous_recognition.h"
#include "sync/rules/assessment.h"
#include "sync/rules/calendar.h"
#include "sync/rules/targets_loader.h"
#include "sync/store/household_listing.h"
#include "sync/store/store.h"

namespace rasoat {

PostingListing::PostingListing(const Store* store, const rules::Rounds* rounds)
    : store_(store), rounds_(rounds) {}

absl::Status PostingListing::List(const v1::PostingListRequest& request,
                                  v1::PostingListResponse* response) const {
  RETURN_IF_ERROR(CheckCommuneScope(*rounds_, request.round_id(), request.commune_code(),
                                    request.village_code()));
  const rules::RoundStandard& round = rounds_->standard(request.round_id());
  const v1::Date today = rules::VietnamDay(absl::ToUnixSeconds(absl::Now()));
  response->Clear();
  response->set_round_id(request.round_id());
  response->set_commune_code(request.commune_code());
  response->set_standard_name(round.standard.name());
  if (const v1::CommuneTargets* commune =
          rules::FindCommuneTargets(rounds_->targets(request.round_id()), request.commune_code());
      commune != nullptr) {
    response->set_commune_name(commune->name());
  }

  HouseholdListing listing(*store_, request.round_id(), request.commune_code(),
                           request.village_code(), "");
  for (; listing.Valid(); listing.Next()) {
    const std::string household_id(listing.household_id());
    ASSIGN_OR_RETURN(const store::HouseholdHead head,
                     store_->ReadHead(request.round_id(), household_id));
    if (head.procedure_step() != v1::PROCEDURE_STEP_AGREED_AT_MEETING &&
        head.procedure_step() != v1::PROCEDURE_STEP_POSTED) {
      continue;
    }
    store::VersionMeta meta;
    v1::Household record;
    RETURN_IF_ERROR(store_->ReadVersion(request.round_id(), household_id, head.current_version(),
                                        &meta, &record));
    const v1::Classification classification = rules::CurrentClassification(
        round, meta.classification(), record, meta.committed_at_micros());
    ASSIGN_OR_RETURN(const std::optional<rules::PreviousRecognition> previous,
                     PreviousRecognitionOf(*store_, *rounds_, request.round_id(), household_id));
    v1::PostingEntry* entry = response->add_entries();
    entry->set_household_id(household_id);
    entry->set_version(head.current_version());
    entry->set_village_code(head.village_code());
    entry->set_head_name(head.head_name());
    entry->set_member_count(static_cast<uint32_t>(record.members_size()));
    entry->set_poverty_class(classification.poverty_class());
    if (classification.has_local()) {
      entry->set_local_poverty_class(classification.local().poverty_class());
      response->set_local_standard_name(classification.local().standard_name());
    }
    entry->set_outcome(rules::OutcomeOf(previous, classification.poverty_class(), today).outcome);
    entry->set_procedure_step(head.procedure_step());
  }
  RETURN_IF_ERROR(listing.status());
  std::sort(response->mutable_entries()->begin(), response->mutable_entries()->end(),
            [](const v1::PostingEntry& a, const v1::PostingEntry& b) {
              return std::tie(a.village_code(), a.household_id()) <
                     std::tie(b.village_code(), b.household_id());
            });
  return absl::OkStatus();
}

}  // namespace rasoat
