// The authorization matrix against a real rasoatd: every rpc of SyncService, ReviewService and
// AdminService (walked through the descriptor pool, so that a new rpc fails here until it has a
// row), and health, called with no token, with a token rasoatd never issued, and as each role in
// and out of its scope. The outcome of each cell is written out below, not read from the
// authorization table, so that a wrong table entry shows as a wrong cell.
//
// Every call is sent generically, as bytes, with a request an allowed caller's would succeed
// with. A call that changes state acts on a target made for its cell alone (a household, a user,
// a tablet, a token), so no cell depends on the order the others ran in.
#include <algorithm>
#include <array>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/string_view.h"
#include "rasoat/v1/admin.grpc.pb.h"
#include "rasoat/v1/report.pb.h"
#include "rasoat/v1/review.grpc.pb.h"
#include "rasoat/v1/sync.grpc.pb.h"
#include "tests/e2e/procedure_client.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat::testing {
namespace {

// What a cell must answer.
enum class Outcome {
  // Past authentication and authorization: any code but UNAUTHENTICATED and PERMISSION_DENIED,
  // and for Push no mutation rejected with PERMISSION_DENIED. (The test also requires such a
  // call to succeed, which says its request is valid: see CheckCell.)
  kAdmitted,
  kUnauthenticated,
  kPermissionDenied,
  // Push: the call succeeds and each mutation is REJECTED with PERMISSION_DENIED.
  kRejectedInResult,
};

// The columns of the matrix: who calls.
enum Caller {
  kNoToken,
  kUnknownToken,
  kAdmin,
  kCollaborator,
  kReviewer,
  kChairman,
  kOtherCollaborator,
  kOtherReviewer,
  kOtherChairman,
  kCallerCount,
};

struct CallerSpec {
  absl::string_view column;  // in the printed matrix
  absl::string_view slug;    // in the ids of the targets made for its cells
  absl::string_view login;   // empty for no user
  absl::string_view device;  // the tablet a collaborator's token is bound to
};

constexpr std::array<CallerSpec, kCallerCount> kCallers = {{
    {"none", "none", "", ""},
    {"forged", "forged", "", ""},
    {"admin", "admin", "admin", ""},
    {"ctv", "ctv", "ctv.in", "tab-in"},  // collaborator of 00001/thon-1
    {"rev", "rev", "reviewer.in", ""},   // reviewer of 00001
    {"chair", "chair", "chairman.in", ""},
    {"ctv/2", "ctv2", "ctv.out", "tab-out"},  // collaborator of 00002/thon-9
    {"rev/2", "rev2", "reviewer.out", ""},    // reviewer of 00002
    {"chair/2", "chair2", "chairman.out", ""},
}};

struct Row {
  // "Service/Method" of package rasoat.v1, or Health/Check of grpc.health.v1.
  absl::string_view rpc;
  // Which request of the rpc, when it has more than one row; empty otherwise.
  absl::string_view variant;
  std::array<Outcome, kCallerCount> expected;
};

constexpr Outcome A = Outcome::kAdmitted;
constexpr Outcome U = Outcome::kUnauthenticated;
constexpr Outcome D = Outcome::kPermissionDenied;
constexpr Outcome R = Outcome::kRejectedInResult;

// The matrix. Columns, as kCallers: no token, a forged token, the admin; the collaborator,
// reviewer and chairman of 00001 (in scope); the same roles of 00002 (out of scope: every
// request names 00001/thon-1).
// clang-format off
constexpr Row kMatrix[] = {
    {"SyncService/Push",              "",                        {U, U, A, A, D, D, R, D, D}},
    {"SyncService/Pull",              "",                        {U, U, A, A, D, D, D, D, D}},
    {"ReviewService/ListQueue",       "",                        {U, U, A, D, A, A, D, D, D}},
    {"ReviewService/ResolveConflict", "",                        {U, U, A, D, A, A, D, D, D}},
    {"ReviewService/GetHousehold",    "",                        {U, U, A, D, A, A, D, D, D}},
    {"ReviewService/DiffVersions",    "",                        {U, U, A, D, A, A, D, D, D}},
    {"ReviewService/Approve",         "",                        {U, U, A, D, A, A, D, D, D}},
    {"ReviewService/Return",          "",                        {U, U, A, D, A, A, D, D, D}},
    {"ReviewService/CommuneSummary",  "",                        {U, U, A, D, A, A, D, D, D}},
    {"ReviewService/RecordVillageMeeting", "",                   {U, U, A, D, A, A, D, D, D}},
    {"ReviewService/OpenPosting",     "",                        {U, U, A, D, A, A, D, D, D}},
    {"ReviewService/RecordObjection", "",                        {U, U, A, D, A, A, D, D, D}},
    // The chairman's decision: not a reviewer's.
    {"ReviewService/Recognise",       "",                        {U, U, A, D, D, A, D, D, D}},
    {"ReportService/CommuneReport",   "",                        {U, U, A, D, A, A, D, D, D}},
    {"ReportService/PostingList",     "",                        {U, U, A, D, A, A, D, D, D}},
    {"ReportService/ProvinceReport",  "",                        {U, U, A, D, D, D, D, D, D}},
    {"AdminService/Login",            "",                        {A, A, A, A, A, A, A, A, A}},
    {"AdminService/Login",            "user without a password", {U, U, U, U, U, U, U, U, U}},
    {"AdminService/WhoAmI",           "",                        {U, U, A, A, A, A, A, A, A}},
    {"AdminService/CreateUser",       "",                        {U, U, A, D, D, D, D, D, D}},
    {"AdminService/ListUsers",        "",                        {U, U, A, D, D, D, D, D, D}},
    // Not with a tablet's token (the collaborators call with theirs).
    {"AdminService/UpdateUser",       "own password",            {U, U, A, D, A, A, D, A, A}},
    {"AdminService/UpdateUser",       "own scope",               {U, U, A, D, D, D, D, D, D}},
    {"AdminService/UpdateUser",       "other's password",        {U, U, A, D, D, D, D, D, D}},
    {"AdminService/UpdateUser",       "disable other",           {U, U, A, D, D, D, D, D, D}},
    {"AdminService/EnrollDevice",     "",                        {U, U, A, D, D, D, D, D, D}},
    {"AdminService/RevokeDevice",     "",                        {U, U, A, D, D, D, D, D, D}},
    {"AdminService/ListDevices",      "",                        {U, U, A, D, D, D, D, D, D}},
    {"AdminService/CreateToken",      "",                        {U, U, A, D, D, D, D, D, D}},
    {"AdminService/RevokeToken",      "",                        {U, U, A, D, D, D, D, D, D}},
    {"AdminService/ListTokens",       "",                        {U, U, A, D, D, D, D, D, D}},
    {"AdminService/GetPublishStatus", "",                        {U, U, A, D, D, D, D, D, D}},
    {"AdminService/RetryDeadLetters", "",                        {U, U, A, D, D, D, D, D, D}},
    {"AdminService/ListPublished",    "",                        {U, U, A, D, A, A, D, D, D}},
    {"AdminService/AuditHead",        "",                        {U, U, A, D, D, D, D, D, D}},
    {"AdminService/VerifyAudit",      "",                        {U, U, A, D, D, D, D, D, D}},
    {"AdminService/ListAudit",        "",                        {U, U, A, D, D, D, D, D, D}},
    {"AdminService/CreateBackup",     "",                        {U, U, A, D, D, D, D, D, D}},
    {"AdminService/ListBackups",      "",                        {U, U, A, D, D, D, D, D, D}},
    {"AdminService/VerifyBackup",     "",                        {U, U, A, D, D, D, D, D, D}},
    // Last: each caller ends its own token (no row after it calls with one).
    {"AdminService/Logout",           "",                        {U, U, A, A, A, A, A, A, A}},
    {"Health/Check",                  "",                        {A, A, A, A, A, A, A, A, A}},
};
// clang-format on

// "/package.Service/Method" of `row`.
std::string PathOf(const Row& row) {
  return absl::StrCat(absl::StartsWith(row.rpc, "Health/") ? "/grpc.health.v1." : "/rasoat.v1.",
                      row.rpc);
}

// "Service/Method (variant)".
std::string NameOf(const Row& row) {
  return row.variant.empty() ? std::string(row.rpc) : absl::StrCat(row.rpc, " (", row.variant, ")");
}

constexpr char kLoginPassword[] = "mật khẩu đăng nhập";

absl::string_view Letter(Outcome outcome) {
  switch (outcome) {
    case Outcome::kAdmitted:
      return "A";
    case Outcome::kUnauthenticated:
      return "U";
    case Outcome::kPermissionDenied:
      return "D";
    case Outcome::kRejectedInResult:
      return "R";
  }
  return "?";
}

absl::string_view OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kAdmitted:
      return "admitted";
    case Outcome::kUnauthenticated:
      return "UNAUTHENTICATED";
    case Outcome::kPermissionDenied:
      return "PERMISSION_DENIED";
    case Outcome::kRejectedInResult:
      return "OK with each mutation REJECTED PERMISSION_DENIED";
  }
  return "?";
}

// The services whose every rpc needs a row, found through the files that define them.
std::vector<const google::protobuf::ServiceDescriptor*> CoveredServices() {
  std::vector<const google::protobuf::ServiceDescriptor*> services;
  for (const google::protobuf::FileDescriptor* file :
       {v1::PushRequest::descriptor()->file(), v1::ListQueueRequest::descriptor()->file(),
        v1::LoginRequest::descriptor()->file(), v1::CommuneReportRequest::descriptor()->file()}) {
    for (int i = 0; i < file->service_count(); ++i) services.push_back(file->service(i));
  }
  return services;
}

// The method of "/package.Service/Method" in the generated pool; null for one not linked here
// (health).
const google::protobuf::MethodDescriptor* FindMethod(absl::string_view path) {
  const std::string name = absl::StrReplaceAll(path.substr(1), {{"/", "."}});
  return google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(name);
}

std::string Flatten(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  return bytes;
}

// How a call ended: its status and the responses it received, serialized.
struct Answer {
  grpc::Status status;
  std::vector<std::string> responses;
};

// A server-streaming call sent generically: the one request written with the half-close, every
// response read, the status kept.
class StreamingCall final : public grpc::ClientBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer> {
 public:
  StreamingCall(grpc::GenericStub* stub, grpc::ClientContext* context, const std::string& method,
                const std::string& request)
      : slice_(request), request_(&slice_, 1) {
    stub->PrepareBidiStreamingCall(context, method, grpc::StubOptions(), this);
    StartWriteLast(&request_, grpc::WriteOptions());
    StartRead(&response_);
    StartCall();
  }

  void OnReadDone(bool ok) override {
    if (!ok) return;
    responses_.push_back(Flatten(response_));
    StartRead(&response_);
  }
  void OnDone(const grpc::Status& status) override { done_.set_value(status); }

  // Waits for the call's end.
  Answer Await() {
    grpc::Status status = done_.get_future().get();
    return {std::move(status), std::move(responses_)};
  }

 private:
  grpc::Slice slice_;
  grpc::ByteBuffer request_;
  grpc::ByteBuffer response_;
  std::vector<std::string> responses_;
  std::promise<grpc::Status> done_;
};

class AuthzMatrixE2eTest : public SyncE2eTest {
 protected:
  void SetUp() override {
    // With a backup directory, so that the admin's backup calls are answered, not refused.
    StartServer({"--backup_dir=" + dir_.Sub("backups")});
    ASSERT_NE(server_, nullptr);
    admin_ = server_->NewAdminStub();
    review_ = server_->NewReviewStub();
    tokens_[kAdmin] = server_->admin_token();
    tokens_[kUnknownToken] = "rst1_thisTokenWasNeverIssuedByThisServer0000";
    const v1::Scope commune1 = CommuneScope("00001");
    const v1::Scope commune2 = CommuneScope("00002");
    for (const auto& [caller, role, scope] :
         {std::tuple{kCollaborator, v1::ROLE_COLLABORATOR, VillageScope("00001", "thon-1")},
          std::tuple{kReviewer, v1::ROLE_REVIEWER, commune1},
          std::tuple{kChairman, v1::ROLE_CHAIRMAN, commune1},
          std::tuple{kOtherCollaborator, v1::ROLE_COLLABORATOR, VillageScope("00002", "thon-9")},
          std::tuple{kOtherReviewer, v1::ROLE_REVIEWER, commune2},
          std::tuple{kOtherChairman, v1::ROLE_CHAIRMAN, commune2}}) {
      const CallerSpec& spec = kCallers[caller];
      ASSERT_OK_AND_ASSIGN(tokens_[caller],
                           server_->MakeUserToken(std::string(spec.login), role, {scope}));
      if (!spec.device.empty()) {  // a collaborator calls with its tablet's token
        ASSERT_OK_AND_ASSIGN(tokens_[caller], Enroll(spec.login, spec.device));
      }
    }
    // The targets of admin rpcs: a collaborator nobody calls as, and a user who logs in.
    ASSERT_OK(CreateUser("ctv.spare", v1::ROLE_COLLABORATOR, VillageScope("00001", "thon-1")));
    ASSERT_OK(CreateUser("login.user", v1::ROLE_REVIEWER, commune1, kLoginPassword));
    // The household the reads look at, in two versions.
    ASSERT_OK_AND_ASSIGN(v1::MutationResult made, AdminPush("h-read", 0, MakeHousehold(1)));
    v1::Household edited = MakeHousehold(1);
    edited.set_collaborator_note("đã xác minh");
    ASSERT_OK_AND_ASSIGN(v1::MutationResult second, AdminPush("h-read", made.version(), edited));
    ASSERT_EQ(second.version(), 2u);

    for (int caller = 0; caller < kCallerCount; ++caller) {
      stubs_[caller] = std::make_unique<grpc::GenericStub>(
          server_->NewChannel({}, std::optional<std::string>(tokens_[caller])));
    }
  }

  // Calls `method` as `caller` with `request`, to its end.
  Answer Call(Caller caller, absl::string_view method, const std::string& request) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    const google::protobuf::MethodDescriptor* descriptor = FindMethod(method);
    if (descriptor != nullptr && descriptor->server_streaming()) {
      StreamingCall call(stubs_[caller].get(), &context, std::string(method), request);
      return call.Await();
    }
    grpc::Slice slice(request);
    grpc::ByteBuffer request_buffer(&slice, 1);
    grpc::ByteBuffer response;
    std::promise<grpc::Status> done;
    stubs_[caller]->UnaryCall(&context, std::string(method), grpc::StubOptions(), &request_buffer,
                              &response,
                              [&done](grpc::Status status) { done.set_value(std::move(status)); });
    Answer answer{done.get_future().get(), {}};
    if (answer.status.ok()) answer.responses.push_back(Flatten(response));
    return answer;
  }

  // --- Targets, made with the admin's token.

  absl::Status CreateUser(absl::string_view login, v1::Role role, const v1::Scope& scope,
                          const std::string& password = "") {
    v1::CreateUserRequest request;
    request.mutable_user()->set_login(std::string(login));
    request.mutable_user()->set_display_name("Người thử quyền");
    request.mutable_user()->set_role(role);
    *request.mutable_user()->add_scopes() = scope;
    request.set_password(password);
    v1::CreateUserResponse response;
    grpc::ClientContext context;
    return FromGrpc(admin_->CreateUser(&context, request, &response));
  }

  // Enrols tablet `device` to `login`; returns its token.
  absl::StatusOr<std::string> Enroll(absl::string_view login, absl::string_view device) {
    v1::EnrollDeviceRequest request;
    request.set_login(std::string(login));
    request.set_device_id(std::string(device));
    v1::EnrollDeviceResponse response;
    grpc::ClientContext context;
    if (grpc::Status status = admin_->EnrollDevice(&context, request, &response); !status.ok()) {
      return FromGrpc(status);
    }
    return response.token();
  }

  // Pushes `record` as household `household_id` of round 2026, edited from `base`, as the
  // admin's loader; returns the result, which must not be a rejection.
  absl::StatusOr<v1::MutationResult> AdminPush(const std::string& household_id, uint64_t base,
                                               v1::Household record) {
    absl::StatusOr<v1::PushResponse> pushed =
        Push(stub_.get(), "loader",
             {MakeMutation(household_id, absl::StrCat("load-", ++loads_), base, record)});
    if (!pushed.ok()) return pushed.status();
    if (pushed->results_size() != 1 ||
        pushed->results(0).outcome() == v1::MUTATION_OUTCOME_REJECTED) {
      return absl::InternalError(
          absl::StrCat("loading ", household_id, ": ", pushed->ShortDebugString()));
    }
    return pushed->results(0);
  }

  // A household of 00001/thon-1 at version 1, READY_FOR_REVIEW, for one cell.
  absl::StatusOr<v1::HouseholdKey> FreshHousehold(absl::string_view row, Caller caller) {
    const std::string id = absl::StrCat("h-", row, "-", kCallers[caller].slug);
    absl::StatusOr<v1::MutationResult> made = AdminPush(id, 0, MakeHousehold(2));
    if (!made.ok()) return made.status();
    if (made->status() != v1::REVIEW_STATUS_READY_FOR_REVIEW) {
      return absl::InternalError(
          absl::StrCat(id, " is not ready for review: ", made->ShortDebugString()));
    }
    return made->key();
  }

  // FreshHousehold, taken by the admin through the first `steps` of the procedure (approval,
  // village meeting, posting), for one cell.
  absl::StatusOr<HouseholdAt> FreshAtStep(absl::string_view row, Caller caller, int steps) {
    absl::StatusOr<v1::HouseholdKey> key = FreshHousehold(row, caller);
    if (!key.ok()) return key.status();
    const HouseholdAt household{key->household_id(), 1};
    absl::Status status = ApproveAll(review_.get(), {household});
    if (status.ok() && steps >= 2) status = HoldMeeting(review_.get(), "thon-1", {household});
    if (status.ok() && steps >= 3) status = PostAll(review_.get(), {household});
    if (!status.ok()) return status;
    return household;
  }

  // A household of 00001/thon-1 with an open conflict, for one cell: the request that resolves
  // it by taking the incoming value.
  absl::StatusOr<v1::ResolveConflictRequest> FreshConflict(Caller caller) {
    const std::string id = absl::StrCat("h-conflict-", kCallers[caller].slug);
    for (const char* note : {"", "ghi chú của máy một"}) {
      v1::Household record = MakeHousehold(3);
      record.set_collaborator_note(note);
      absl::StatusOr<v1::MutationResult> made = AdminPush(id, *note == '\0' ? 0 : 1, record);
      if (!made.ok()) return made.status();
    }
    v1::Household stale = MakeHousehold(3);
    stale.set_collaborator_note("ghi chú của máy hai");
    absl::StatusOr<v1::MutationResult> conflict = AdminPush(id, 1, stale);
    if (!conflict.ok()) return conflict.status();
    if (conflict->outcome() != v1::MUTATION_OUTCOME_CONFLICT || conflict->conflicts().empty()) {
      return absl::InternalError(absl::StrCat(id, ": no conflict: ", conflict->ShortDebugString()));
    }
    v1::ResolveConflictRequest request;
    *request.mutable_key() = conflict->key();
    request.set_version(conflict->head_version());
    request.set_reviewer("người thử quyền");
    for (const v1::FieldConflict& open : conflict->conflicts()) {
      v1::Resolution* resolution = request.add_resolutions();
      resolution->set_path(open.path());
      resolution->set_choice(v1::Resolution::CHOICE_INCOMING);
    }
    return request;
  }

  // The user "own" requests name: the caller's, or for no user a collaborator nobody calls as.
  static std::string OwnLogin(Caller caller) {
    return kCallers[caller].login.empty() ? "ctv.spare" : std::string(kCallers[caller].login);
  }

  // The request of row `row` as `caller` sends it, serialized: what an allowed caller of that
  // role would send and succeed with. NOT_FOUND for a row without one.
  absl::StatusOr<std::string> RequestOf(const Row& row, Caller caller) {
    const absl::string_view rpc = row.rpc;
    const absl::string_view variant = row.variant;
    const CallerSpec& spec = kCallers[caller];
    const bool collaborator = !spec.device.empty();
    if (rpc == "SyncService/Push") {
      absl::StatusOr<v1::HouseholdKey> key = FreshHousehold("push", caller);
      if (!key.ok()) return key.status();
      v1::Household edited = MakeHousehold(2);
      edited.set_collaborator_note("sửa trên máy tính bảng");
      v1::PushRequest request;
      request.set_device_id(collaborator ? std::string(spec.device) : "loader");
      *request.add_mutations() =
          MakeMutation(key->household_id(), absl::StrCat("push-", spec.slug), 1, edited);
      return request.SerializeAsString();
    }
    if (rpc == "SyncService/Pull") {
      v1::PullRequest request;
      request.set_round_id("2026");
      *request.add_scopes() =
          collaborator ? VillageScope("00001", "thon-1") : CommuneScope("00001");
      return request.SerializeAsString();
    }
    if (rpc == "ReviewService/ListQueue") {
      v1::ListQueueRequest request;
      request.set_round_id("2026");
      request.set_commune_code("00001");
      return request.SerializeAsString();
    }
    if (rpc == "ReviewService/ResolveConflict") {
      absl::StatusOr<v1::ResolveConflictRequest> request = FreshConflict(caller);
      if (!request.ok()) return request.status();
      return request->SerializeAsString();
    }
    if (rpc == "ReviewService/GetHousehold") {
      v1::GetHouseholdRequest request;
      request.mutable_key()->set_round_id("2026");
      request.mutable_key()->set_household_id("h-read");
      return request.SerializeAsString();
    }
    if (rpc == "ReviewService/DiffVersions") {
      v1::DiffVersionsRequest request;
      request.mutable_key()->set_round_id("2026");
      request.mutable_key()->set_household_id("h-read");
      request.set_from_version(1);
      request.set_to_version(2);
      return request.SerializeAsString();
    }
    if (rpc == "ReviewService/Approve") {
      absl::StatusOr<v1::HouseholdKey> key = FreshHousehold("approve", caller);
      if (!key.ok()) return key.status();
      v1::ApproveRequest request;
      *request.mutable_key() = *key;
      request.set_version(1);
      request.set_reviewer("người thử quyền");
      return request.SerializeAsString();
    }
    if (rpc == "ReviewService/Return") {
      absl::StatusOr<v1::HouseholdKey> key = FreshHousehold("return", caller);
      if (!key.ok()) return key.status();
      v1::ReturnRequest request;
      *request.mutable_key() = *key;
      request.set_version(1);
      request.set_reviewer("người thử quyền");
      request.set_comment("thiếu số CCCD của chủ hộ");
      return request.SerializeAsString();
    }
    if (rpc == "ReviewService/RecordVillageMeeting") {
      absl::StatusOr<HouseholdAt> household = FreshAtStep("meeting", caller, 1);
      if (!household.ok()) return household.status();
      v1::RecordVillageMeetingRequest request;
      request.set_round_id("2026");
      request.set_commune_code("00001");
      request.set_village_code("thon-1");
      *request.mutable_held_on() = Day(2026, 10, 1);
      request.set_attendees(20);
      request.set_minutes_reference("BB-quyen");
      v1::MeetingResult* result = request.add_results();
      result->set_household_id(household->household_id);
      result->set_version(household->version);
      result->set_agreed_by_quorum(true);
      return request.SerializeAsString();
    }
    if (rpc == "ReviewService/OpenPosting" || rpc == "ReviewService/Recognise") {
      const bool posting = rpc == "ReviewService/OpenPosting";
      absl::StatusOr<HouseholdAt> household =
          FreshAtStep(posting ? "posting" : "recognise", caller, posting ? 2 : 3);
      if (!household.ok()) return household.status();
      v1::HouseholdVersion target;
      target.set_household_id(household->household_id);
      target.set_version(household->version);
      if (posting) {
        v1::OpenPostingRequest request;
        request.set_round_id("2026");
        request.set_commune_code("00001");
        *request.mutable_first_day() = Day(2026, 10, 5);
        *request.add_households() = target;
        return request.SerializeAsString();
      }
      v1::RecogniseRequest request;
      request.set_round_id("2026");
      request.set_commune_code("00001");
      request.set_decision_number("QĐ-quyen");
      *request.mutable_decided_on() = Day(2026, 10, 9);
      *request.add_households() = target;
      return request.SerializeAsString();
    }
    if (rpc == "ReviewService/RecordObjection") {
      absl::StatusOr<HouseholdAt> household = FreshAtStep("objection", caller, 3);
      if (!household.ok()) return household.status();
      v1::RecordObjectionRequest request;
      request.mutable_key()->set_round_id("2026");
      request.mutable_key()->set_household_id(household->household_id);
      request.set_version(household->version);
      request.set_objector("người dân thôn 1");
      request.set_objection("thu nhập khai thiếu");
      *request.mutable_received_on() = Day(2026, 10, 6);
      return request.SerializeAsString();
    }
    if (rpc == "ReportService/CommuneReport") {
      v1::CommuneReportRequest request;
      request.set_round_id("2026");
      request.set_commune_code("00001");
      return request.SerializeAsString();
    }
    if (rpc == "ReportService/PostingList") {
      v1::PostingListRequest request;
      request.set_round_id("2026");
      request.set_commune_code("00001");
      return request.SerializeAsString();
    }
    if (rpc == "ReportService/ProvinceReport") {
      v1::ProvinceReportRequest request;
      request.set_round_id("2026");
      request.set_province_code("24");
      return request.SerializeAsString();
    }
    if (rpc == "ReviewService/CommuneSummary") {
      v1::CommuneSummaryRequest request;
      request.set_round_id("2026");
      request.set_commune_code("00001");
      return request.SerializeAsString();
    }
    if (rpc == "AdminService/Login" && variant.empty()) {
      v1::LoginRequest request;
      request.set_login("login.user");
      request.set_password(kLoginPassword);
      return request.SerializeAsString();
    }
    if (rpc == "AdminService/Login" && variant == "user without a password") {
      const std::string login = absl::StrCat("nopass-", spec.slug);
      if (absl::Status made = CreateUser(login, v1::ROLE_REVIEWER, CommuneScope("00001"));
          !made.ok()) {
        return made;
      }
      v1::LoginRequest request;
      request.set_login(login);
      request.set_password(kLoginPassword);
      return request.SerializeAsString();
    }
    if (rpc == "AdminService/WhoAmI") return v1::WhoAmIRequest().SerializeAsString();
    if (rpc == "AdminService/CreateUser") {
      v1::CreateUserRequest request;
      request.mutable_user()->set_login(absl::StrCat("new-", spec.slug));
      request.mutable_user()->set_role(v1::ROLE_REVIEWER);
      *request.mutable_user()->add_scopes() = CommuneScope("00001");
      return request.SerializeAsString();
    }
    if (rpc == "AdminService/ListUsers") return v1::ListUsersRequest().SerializeAsString();
    if (rpc == "AdminService/UpdateUser" && variant == "own password") {
      v1::UpdateUserRequest request;
      request.set_login(OwnLogin(caller));
      request.set_password("mật khẩu mới đủ dài");
      return request.SerializeAsString();
    }
    if (rpc == "AdminService/UpdateUser" && variant == "own scope") {
      // A commune nobody else acts in, so that a wrong admission changes no other cell.
      v1::UpdateUserRequest request;
      request.set_login(OwnLogin(caller));
      const bool village = collaborator || spec.login.empty();  // ctv.spare's is a village
      *request.mutable_assign_scope() =
          village ? VillageScope("00003", "thon-7") : CommuneScope("00003");
      return request.SerializeAsString();
    }
    if (rpc == "AdminService/UpdateUser" && variant == "other's password") {
      v1::UpdateUserRequest request;
      request.set_login("ctv.spare");
      request.set_password("mật khẩu của người khác");
      return request.SerializeAsString();
    }
    if (rpc == "AdminService/UpdateUser" && variant == "disable other") {
      const std::string login = absl::StrCat("off-", spec.slug);
      if (absl::Status made = CreateUser(login, v1::ROLE_REVIEWER, CommuneScope("00001"));
          !made.ok()) {
        return made;
      }
      v1::UpdateUserRequest request;
      request.set_login(login);
      request.set_disabled(true);
      return request.SerializeAsString();
    }
    if (rpc == "AdminService/EnrollDevice") {
      v1::EnrollDeviceRequest request;
      request.set_login("ctv.spare");
      request.set_device_id(absl::StrCat("tab-new-", spec.slug));
      return request.SerializeAsString();
    }
    if (rpc == "AdminService/RevokeDevice") {
      const std::string device = absl::StrCat("tab-old-", spec.slug);
      if (absl::StatusOr<std::string> enrolled = Enroll("ctv.spare", device); !enrolled.ok()) {
        return enrolled.status();
      }
      v1::RevokeDeviceRequest request;
      request.set_device_id(device);
      return request.SerializeAsString();
    }
    if (rpc == "AdminService/Logout") return v1::LogoutRequest().SerializeAsString();
    if (rpc == "AdminService/ListDevices") return v1::ListDevicesRequest().SerializeAsString();
    if (rpc == "AdminService/CreateToken" || rpc == "AdminService/RevokeToken") {
      v1::CreateTokenRequest request;
      request.set_login("ctv.spare");
      request.set_label(absl::StrCat("matrix ", spec.slug));
      if (rpc == "AdminService/CreateToken") return request.SerializeAsString();
      v1::CreateTokenResponse made;
      grpc::ClientContext context;
      if (grpc::Status status = admin_->CreateToken(&context, request, &made); !status.ok()) {
        return FromGrpc(status);
      }
      v1::RevokeTokenRequest revoke;
      revoke.set_token_id(made.info().token_id());
      return revoke.SerializeAsString();
    }
    if (rpc == "AdminService/ListTokens") return v1::ListTokensRequest().SerializeAsString();
    if (rpc == "AdminService/GetPublishStatus")
      return v1::GetPublishStatusRequest().SerializeAsString();
    if (rpc == "AdminService/RetryDeadLetters")
      return v1::RetryDeadLettersRequest().SerializeAsString();
    if (rpc == "AdminService/ListPublished") {
      v1::ListPublishedRequest request;
      request.set_round_id("2026");
      request.set_commune_code("00001");
      return request.SerializeAsString();
    }
    if (rpc == "AdminService/AuditHead") return v1::AuditHeadRequest().SerializeAsString();
    if (rpc == "AdminService/VerifyAudit") return v1::VerifyAuditRequest().SerializeAsString();
    if (rpc == "AdminService/ListAudit") {
      v1::ListAuditRequest request;
      request.set_round_id("2026");
      request.set_household_id("h-read");
      return request.SerializeAsString();
    }
    if (rpc == "AdminService/CreateBackup") return v1::CreateBackupRequest().SerializeAsString();
    if (rpc == "AdminService/ListBackups") return v1::ListBackupsRequest().SerializeAsString();
    if (rpc == "AdminService/VerifyBackup") {
      v1::VerifyBackupRequest request;
      request.set_backup_id(1);  // made by the CreateBackup row, which comes first
      return request.SerializeAsString();
    }
    if (rpc == "Health/Check") return std::string();  // HealthCheckRequest for the whole server
    return absl::NotFoundError(absl::StrCat("no request for row ", NameOf(row)));
  }

  std::unique_ptr<v1::AdminService::Stub> admin_;
  std::unique_ptr<v1::ReviewService::Stub> review_;  // the admin's
  std::array<std::string, kCallerCount> tokens_;     // "" for kNoToken
  // Each caller's, presenting its token.
  std::array<std::unique_ptr<grpc::GenericStub>, kCallerCount> stubs_;
  int loads_ = 0;
};

// One cell as it came out.
struct Cell {
  Outcome got = Outcome::kAdmitted;
  // Why the cell is wrong; empty when it is right.
  std::string wrong;
};

// Judges `answer` to a call of `row` against `expected`.
Cell CheckCell(const Row& row, Outcome expected, const Answer& answer) {
  Cell cell;
  const grpc::StatusCode code = answer.status.error_code();
  std::string said = FromGrpc(answer.status).ToString();
  if (code == grpc::StatusCode::UNAUTHENTICATED) {
    cell.got = Outcome::kUnauthenticated;
  } else if (code == grpc::StatusCode::PERMISSION_DENIED) {
    cell.got = Outcome::kPermissionDenied;
  }
  bool rejected_any = false;
  if (row.rpc == "SyncService/Push" && answer.status.ok()) {
    v1::PushResponse response;
    if (answer.responses.size() != 1 || !response.ParseFromString(answer.responses[0])) {
      cell.wrong = "the PushResponse does not parse";
      return cell;
    }
    int denied = 0;
    for (const v1::MutationResult& result : response.results()) {
      if (result.outcome() != v1::MUTATION_OUTCOME_REJECTED) continue;
      rejected_any = true;
      if (result.rejection().code() == grpc::StatusCode::PERMISSION_DENIED) ++denied;
      absl::StrAppend(&said, "; mutation ", result.mutation_id(), " REJECTED ",
                      result.rejection().code(), ": ", result.rejection().message());
    }
    if (denied > 0 && denied == response.results_size()) cell.got = Outcome::kRejectedInResult;
  }
  if (cell.got != expected) {
    cell.wrong = absl::StrCat("expected ", OutcomeName(expected), ", got ", said);
  } else if (expected == Outcome::kAdmitted && (!answer.status.ok() || rejected_any)) {
    // Admitted, but the request an allowed caller sends must also succeed, or the cell proves
    // little: a test's bad request, or the server's fault.
    cell.wrong = absl::StrCat("admitted as expected, but the valid request failed: ", said);
  }
  return cell;
}

TEST(AuthzMatrixCoverageTest, EveryRpcHasARowAndEveryRowAnRpc) {
  const std::vector<const google::protobuf::ServiceDescriptor*> services = CoveredServices();
  EXPECT_EQ(services.size(), 4u);  // SyncService, ReviewService, AdminService, ReportService
  for (const google::protobuf::ServiceDescriptor* service : services) {
    for (int i = 0; i < service->method_count(); ++i) {
      const std::string path =
          absl::StrCat("/", service->full_name(), "/", service->method(i)->name());
      const bool has_row = std::any_of(std::begin(kMatrix), std::end(kMatrix),
                                       [&](const Row& row) { return PathOf(row) == path; });
      EXPECT_TRUE(has_row) << path
                           << " has no row in kMatrix: add one with what each caller must get";
    }
  }
  for (const Row& row : kMatrix) {
    if (row.rpc == "Health/Check") continue;
    EXPECT_NE(FindMethod(PathOf(row)), nullptr) << NameOf(row) << ": no such rpc";
  }
}

TEST_F(AuthzMatrixE2eTest, EveryRpcAnswersEachCallerAsTheMatrixSays) {
  std::string grid = absl::StrFormat("%-46s", "expected/got");
  for (const CallerSpec& caller : kCallers) absl::StrAppendFormat(&grid, " %-7s", caller.column);
  absl::StripTrailingAsciiWhitespace(&grid);
  grid += "\n";
  std::string wrong_cells;
  int wrong = 0;
  int cells = 0;
  for (const Row& row : kMatrix) {
    std::string line = absl::StrFormat("%-46s", NameOf(row));
    for (int column = 0; column < kCallerCount; ++column) {
      const Caller caller = static_cast<Caller>(column);
      const Outcome expected = row.expected[column];
      ++cells;
      Cell cell;
      absl::StatusOr<std::string> request = RequestOf(row, caller);
      if (!request.ok()) {
        cell.wrong = absl::StrCat("could not make the request: ", request.status().ToString());
      } else {
        cell = CheckCell(row, expected, Call(caller, PathOf(row), *request));
      }
      std::string shown(Letter(expected));
      if (!cell.wrong.empty()) {
        ++wrong;
        absl::StrAppend(&shown, request.ok() ? absl::StrCat("/", Letter(cell.got)) : "/?", "!");
        absl::StrAppend(&wrong_cells, NameOf(row), " as ", kCallers[column].column, ": ",
                        cell.wrong, "\n");
      }
      absl::StrAppendFormat(&line, " %-7s", shown);
    }
    absl::StripTrailingAsciiWhitespace(&line);
    absl::StrAppend(&grid, line, "\n");
  }
  EXPECT_EQ(wrong, 0) << wrong << " of " << cells << " cells are wrong (A admitted, U "
                      << "UNAUTHENTICATED, D PERMISSION_DENIED, R REJECTED in the result; "
                      << "EXPECTED/GOT! marks a wrong cell):\n"
                      << grid << wrong_cells;
}

}  // namespace
}  // namespace rasoat::testing
