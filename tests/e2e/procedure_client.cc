#include "tests/e2e/procedure_client.h"

#include <grpcpp/client_context.h>

#include "tests/e2e/sync_client.h"
#include "tests/support/households.h"

namespace rasoat::testing {
namespace {

constexpr char kCommune[] = "00001";

template <typename Request>
void AddHouseholds(const std::vector<HouseholdAt>& households, Request* request) {
  for (const HouseholdAt& household : households) {
    v1::HouseholdVersion* entry = request->add_households();
    entry->set_household_id(household.household_id);
    entry->set_version(household.version);
  }
}

}  // namespace

absl::Status ApproveAll(v1::ReviewService::Stub* review, const std::vector<HouseholdAt>& households,
                        const std::string& round) {
  for (const HouseholdAt& household : households) {
    v1::ApproveRequest request;
    request.mutable_key()->set_round_id(round);
    request.mutable_key()->set_household_id(household.household_id);
    request.set_version(household.version);
    v1::ApproveResponse response;
    grpc::ClientContext context;
    if (absl::Status status = FromGrpc(review->Approve(&context, request, &response));
        !status.ok()) {
      return status;
    }
  }
  return absl::OkStatus();
}

absl::Status HoldMeeting(v1::ReviewService::Stub* review, const std::string& village,
                         const std::vector<HouseholdAt>& households,
                         const std::vector<uint32_t>& agreeing, const std::string& round) {
  v1::RecordVillageMeetingRequest request;
  request.set_round_id(round);
  request.set_commune_code(kCommune);
  request.set_village_code(village);
  *request.mutable_held_on() = Day(2026, 10, 1);
  request.set_attendees(30);
  request.set_minutes_reference("BB-01/" + village);
  request.set_resurvey_note("Họp thôn chưa thống nhất: rà soát lại thu nhập");
  for (size_t i = 0; i < households.size(); ++i) {
    v1::MeetingResult* result = request.add_results();
    result->set_household_id(households[i].household_id);
    result->set_version(households[i].version);
    result->set_agreeing(i < agreeing.size() ? agreeing[i] : 30);
  }
  v1::RecordVillageMeetingResponse response;
  grpc::ClientContext context;
  return FromGrpc(review->RecordVillageMeeting(&context, request, &response));
}

absl::Status PostAll(v1::ReviewService::Stub* review, const std::vector<HouseholdAt>& households,
                     const std::string& round) {
  v1::OpenPostingRequest request;
  request.set_round_id(round);
  request.set_commune_code(kCommune);
  *request.mutable_first_day() = Day(2026, 10, 5);
  AddHouseholds(households, &request);
  v1::OpenPostingResponse response;
  grpc::ClientContext context;
  return FromGrpc(review->OpenPosting(&context, request, &response));
}

absl::Status RecogniseAll(v1::ReviewService::Stub* review,
                          const std::vector<HouseholdAt>& households, const std::string& decision,
                          const std::string& round) {
  v1::RecogniseRequest request;
  request.set_round_id(round);
  request.set_commune_code(kCommune);
  request.set_decision_number(decision);
  *request.mutable_decided_on() = Day(2026, 10, 9);
  AddHouseholds(households, &request);
  v1::RecogniseResponse response;
  grpc::ClientContext context;
  return FromGrpc(review->Recognise(&context, request, &response));
}

absl::Status TakeThroughProcedure(v1::ReviewService::Stub* review, const std::string& village,
                                  const std::vector<HouseholdAt>& households,
                                  const std::string& round) {
  if (absl::Status status = ApproveAll(review, households, round); !status.ok()) return status;
  if (absl::Status status = HoldMeeting(review, village, households, {}, round); !status.ok()) {
    return status;
  }
  if (absl::Status status = PostAll(review, households, round); !status.ok()) return status;
  return RecogniseAll(review, households, "123/QĐ-UBND", round);
}

}  // namespace rasoat::testing
