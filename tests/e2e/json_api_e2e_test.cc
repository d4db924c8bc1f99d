// The console's HTTP side against a real rasoatd (server/rasoatd/console_server.h): the session
// routes, and the JSON API of each method family (review, report, admin) with a caller in scope,
// one out of scope and one without a session; the CSRF header; bad bodies; the documents.
#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/admin.pb.h"
#include "rasoat/v1/report.pb.h"
#include "rasoat/v1/review.pb.h"
#include "tests/e2e/sync_client.h"
#include "tests/e2e/sync_e2e_fixture.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include <httplib.h>

namespace rasoat::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPassword[] = "mật khẩu của xã";

// An answer of the HTTP side, its JSON read as `Message`.
template <typename Message>
Message FromJson(const std::string& json) {
  Message message;
  const auto parsed = google::protobuf::util::JsonStringToMessage(json, &message);
  EXPECT_TRUE(parsed.ok()) << parsed.ToString() << " in " << json;
  return message;
}

// The error body {"code", "status", "message", "field_violations"}.
struct ErrorBody {
  int code = 0;
  std::string status;
  std::string message;
  std::string first_field;
};

ErrorBody ErrorOf(const httplib::Result& answer) {
  ErrorBody error;
  if (!answer) return error;
  const auto body = FromJson<google::protobuf::Struct>(answer->body);
  const auto& fields = body.fields();
  if (fields.count("code") != 0) error.code = static_cast<int>(fields.at("code").number_value());
  if (fields.count("status") != 0) error.status = fields.at("status").string_value();
  if (fields.count("message") != 0) error.message = fields.at("message").string_value();
  if (fields.count("field_violations") != 0 &&
      fields.at("field_violations").list_value().values_size() > 0) {
    error.first_field = fields.at("field_violations")
                            .list_value()
                            .values(0)
                            .struct_value()
                            .fields()
                            .at("field")
                            .string_value();
  }
  return error;
}

// A browser's session: its cookie and CSRF token.
struct Session {
  std::string cookie;  // "rasoat_session=TOKEN"
  std::string csrf;
  std::string set_cookie;  // as the login answered it
};

class JsonApiE2eTest : public SyncE2eTest {
 protected:
  void SetUp() override {
    SyncE2eTest::SetUp();
    ASSERT_NE(server_->http_port(), 0) << server_->startup_output();
    http_ = std::make_unique<httplib::Client>("127.0.0.1", server_->http_port());
    admin_ = server_->NewAdminStub();
    ASSERT_NO_FATAL_FAILURE(MakeUser("rev.in", v1::ROLE_REVIEWER, "00001"));
    ASSERT_NO_FATAL_FAILURE(MakeUser("rev.out", v1::ROLE_REVIEWER, "00002"));
  }

  void MakeUser(const std::string& login, v1::Role role, const std::string& commune) {
    v1::CreateUserRequest request;
    request.mutable_user()->set_login(login);
    request.mutable_user()->set_display_name(login);
    request.mutable_user()->set_role(role);
    *request.mutable_user()->add_scopes() = CommuneScope(commune);
    request.set_password(kPassword);
    v1::CreateUserResponse made;
    grpc::ClientContext context;
    ASSERT_OK(FromGrpc(admin_->CreateUser(&context, request, &made)));
  }

  httplib::Result Login(const std::string& login, const std::string& password) {
    return http_->Post("/api/session",
                       absl::StrCat(R"({"login":")", login, R"(","password":")", password, R"("})"),
                       "application/json");
  }

  Session LoginOk(const std::string& login) {
    const httplib::Result answer = Login(login, kPassword);
    Session session;
    EXPECT_TRUE(answer && answer->status == 200) << (answer ? answer->body : "no answer");
    if (!answer) return session;
    session.set_cookie = answer->get_header_value("Set-Cookie");
    session.cookie = session.set_cookie.substr(0, session.set_cookie.find(';'));
    const auto body = FromJson<google::protobuf::Struct>(answer->body);
    if (body.fields().count("csrf_token") != 0) {
      session.csrf = body.fields().at("csrf_token").string_value();
    }
    return session;
  }

  // POST /api/v1/`method` as `session`, with its CSRF token unless `csrf` is false.
  httplib::Result Call(const Session& session, const std::string& method, const std::string& json,
                       bool csrf = true) {
    httplib::Headers headers = {{"Cookie", session.cookie}};
    if (csrf) headers.emplace("X-CSRF-Token", session.csrf);
    return http_->Post(absl::StrCat("/api/v1/", method), headers, json, "application/json");
  }

  // POST /api/v1/`method` with the admin's bearer token, as a program would.
  httplib::Result CallAsAdmin(const std::string& method, const std::string& json) {
    return http_->Post(absl::StrCat("/api/v1/", method),
                       {{"Authorization", absl::StrCat("Bearer ", server_->admin_token())}}, json,
                       "application/json");
  }

  void PushHousehold(const std::string& id, const std::string& commune) {
    ASSERT_OK(Push(stub_.get(), "tab-1",
                   {MakeMutation(id, absl::StrCat("m-", id), 0, MakeHousehold(1, commune))})
                  .status());
  }

  std::unique_ptr<httplib::Client> http_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
};

TEST_F(JsonApiE2eTest, ASessionIsAStrictHttpOnlyCookieThatLogoutEnds) {
  const httplib::Result wrong = Login("rev.in", "not the password");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 401);
  EXPECT_EQ(ErrorOf(wrong).status, "UNAUTHENTICATED");
  EXPECT_EQ(wrong->get_header_value("Set-Cookie"), "");

  const Session session = LoginOk("rev.in");
  EXPECT_THAT(session.set_cookie, HasSubstr("rasoat_session="));
  EXPECT_THAT(session.set_cookie, HasSubstr("; HttpOnly"));
  EXPECT_THAT(session.set_cookie, HasSubstr("; SameSite=Strict"));
  EXPECT_THAT(session.set_cookie, HasSubstr("; Path=/"));
  EXPECT_THAT(session.set_cookie, Not(HasSubstr("Secure")));  // plaintext on loopback
  EXPECT_EQ(session.csrf.size(), 64u);

  // The page reloads: the cookie alone gives back the user and the same CSRF token, never the
  // session token itself.
  const httplib::Result again = http_->Get("/api/session", {{"Cookie", session.cookie}});
  ASSERT_TRUE(again);
  ASSERT_EQ(again->status, 200) << again->body;
  EXPECT_THAT(again->body, HasSubstr(R"("login":"rev.in")"));
  EXPECT_THAT(again->body, HasSubstr(session.csrf));
  EXPECT_THAT(again->body, Not(HasSubstr(session.cookie.substr(session.cookie.find('=') + 1))));

  // Logging out needs the CSRF header like any other act.
  const httplib::Result forged = http_->Delete("/api/session", {{"Cookie", session.cookie}});
  ASSERT_TRUE(forged);
  EXPECT_EQ(forged->status, 403);
  EXPECT_EQ(http_->Get("/api/session", {{"Cookie", session.cookie}})->status, 200);

  const httplib::Result out = http_->Delete(
      "/api/session", {{"Cookie", session.cookie}, {"X-CSRF-Token", session.csrf}});
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 200);
  EXPECT_THAT(out->get_header_value("Set-Cookie"), HasSubstr("Max-Age=0"));
  const httplib::Result ended = http_->Get("/api/session", {{"Cookie", session.cookie}});
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->status, 401);
  EXPECT_EQ(ErrorOf(ended).status, "UNAUTHENTICATED");
  EXPECT_EQ(Call(session, "ReviewService/ListQueue",
                 R"({"round_id":"2026","commune_code":"00001"})")
                ->status,
            401);
}

TEST_F(JsonApiE2eTest, ReviewMethodsActAsTheSessionsUserWithinItsCommunes) {
  ASSERT_NO_FATAL_FAILURE(PushHousehold("h1", "00001"));
  ASSERT_NO_FATAL_FAILURE(PushHousehold("h2", "00002"));
  const Session reviewer = LoginOk("rev.in");
  const std::string queue = R"({"round_id":"2026","commune_code":"00001"})";

  const httplib::Result listed = Call(reviewer, "ReviewService/ListQueue", queue);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->status, 200) << listed->body;
  const auto entries = FromJson<v1::ListQueueResponse>(listed->body);
  ASSERT_EQ(entries.entries_size(), 1);
  EXPECT_EQ(entries.entries(0).key().household_id(), "h1");
  // The JSON mapping: .proto names, 64-bit integers as strings, enums by name.
  EXPECT_THAT(listed->body, HasSubstr(R"("version":"1")"));
  EXPECT_THAT(listed->body, HasSubstr(R"("status":"REVIEW_STATUS_READY_FOR_REVIEW")"));

  // Without the CSRF header, without a session, out of scope.
  const httplib::Result no_csrf = Call(reviewer, "ReviewService/ListQueue", queue, false);
  EXPECT_EQ(no_csrf->status, 403);
  EXPECT_EQ(ErrorOf(no_csrf).status, "PERMISSION_DENIED");
  EXPECT_THAT(ErrorOf(no_csrf).message, HasSubstr("X-CSRF-Token"));
  const httplib::Result anonymous = http_->Post("/api/v1/ReviewService/ListQueue", queue,
                                                "application/json");
  EXPECT_EQ(anonymous->status, 401);
  EXPECT_EQ(ErrorOf(anonymous).code, 16);
  const httplib::Result elsewhere = Call(
      reviewer, "ReviewService/ListQueue", R"({"round_id":"2026","commune_code":"00002"})");
  EXPECT_EQ(elsewhere->status, 403);
  EXPECT_EQ(ErrorOf(elsewhere).status, "PERMISSION_DENIED");
  const httplib::Result other_household =
      Call(reviewer, "ReviewService/GetHousehold", R"({"key":{"round_id":"2026","household_id":"h2"}})");
  EXPECT_EQ(other_household->status, 403);

  // A decision on a version that is not the current one changes nothing; on the current one, it
  // is taken, and the audit log names the reviewer.
  const httplib::Result stale = Call(reviewer, "ReviewService/Approve",
                                     R"({"key":{"round_id":"2026","household_id":"h1"},"version":"7"})");
  EXPECT_EQ(stale->status, 400);
  EXPECT_EQ(ErrorOf(stale).status, "FAILED_PRECONDITION");
  const httplib::Result approved = Call(
      reviewer, "ReviewService/Approve", R"({"key":{"round_id":"2026","household_id":"h1"},"version":1})");
  ASSERT_EQ(approved->status, 200) << approved->body;
  EXPECT_EQ(FromJson<v1::ApproveResponse>(approved->body).status(), v1::REVIEW_STATUS_APPROVED);

  v1::ListAuditRequest audit;
  audit.set_round_id("2026");
  audit.set_household_id("h1");
  v1::ListAuditResponse entries_of_h1;
  grpc::ClientContext context;
  ASSERT_OK(FromGrpc(admin_->ListAudit(&context, audit, &entries_of_h1)));
  bool approval_by_reviewer = false;
  for (const v1::AuditEntry& entry : entries_of_h1.entries()) {
    if (entry.action() == v1::AUDIT_ACTION_APPROVED && entry.actor().login() == "rev.in") {
      approval_by_reviewer = true;
    }
  }
  EXPECT_TRUE(approval_by_reviewer) << entries_of_h1.DebugString();
}

TEST_F(JsonApiE2eTest, ReportMethodsAndDocumentsFollowTheAuthorizationTable) {
  ASSERT_NO_FATAL_FAILURE(PushHousehold("h1", "00001"));
  const Session reviewer = LoginOk("rev.in");
  const httplib::Result list = Call(reviewer, "ReportService/PostingList",
                                    R"({"round_id":"2026","commune_code":"00001"})");
  ASSERT_EQ(list->status, 200) << list->body;
  EXPECT_THAT(list->body, HasSubstr(R"("commune_code":"00001")"));
  const httplib::Result province =
      Call(reviewer, "ReportService/ProvinceReport", R"({"round_id":"2026","province_code":"01"})");
  EXPECT_EQ(province->status, 403);
  EXPECT_EQ(ErrorOf(province).status, "PERMISSION_DENIED");
  EXPECT_EQ(http_->Post("/api/v1/ReportService/PostingList",
                        R"({"round_id":"2026","commune_code":"00001"})", "application/json")
                ->status,
            401);

  // The posting list to print and to download, as the session's user may read it.
  const httplib::Result csv = http_->Get(
      "/api/documents/posting-list.csv?round_id=2026&commune_code=00001",
      {{"Cookie", reviewer.cookie}});
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->body.substr(0, 3), "\xEF\xBB\xBF");  // the byte-order mark Excel needs
  EXPECT_THAT(csv->body, HasSubstr("Họ tên chủ hộ"));
  const httplib::Result html = http_->Get(
      "/api/documents/posting-list.html?round_id=2026&commune_code=00001",
      {{"Cookie", reviewer.cookie}});
  ASSERT_EQ(html->status, 200);
  EXPECT_THAT(html->body, HasSubstr("<html lang=\"vi\""));
  EXPECT_EQ(http_->Get("/api/documents/posting-list.csv?round_id=2026&commune_code=00002",
                       {{"Cookie", reviewer.cookie}})
                ->status,
            403);
}

TEST_F(JsonApiE2eTest, AdminMethodsAreAdminsOnlyAndAnEnrolledTabletsTokenWorks) {
  const Session reviewer = LoginOk("rev.in");
  const httplib::Result users = Call(reviewer, "AdminService/ListUsers", "{}");
  EXPECT_EQ(users->status, 403);
  EXPECT_EQ(ErrorOf(users).status, "PERMISSION_DENIED");
  EXPECT_EQ(http_->Post("/api/v1/AdminService/ListUsers", "{}", "application/json")->status, 401);

  const httplib::Result made = CallAsAdmin(
      "AdminService/CreateUser",
      R"({"user":{"login":"ctv.lan","display_name":"Lan","role":"ROLE_COLLABORATOR",)"
      R"("scopes":[{"commune_code":"00001","village_code":"thon-1"}]}})");
  ASSERT_EQ(made->status, 200) << made->body;
  const httplib::Result enrolled =
      CallAsAdmin("AdminService/EnrollDevice", R"({"login":"ctv.lan","device_id":"tab-lan"})");
  ASSERT_EQ(enrolled->status, 200) << enrolled->body;
  const std::string token = FromJson<v1::EnrollDeviceResponse>(enrolled->body).token();
  ASSERT_FALSE(token.empty());
  std::unique_ptr<v1::SyncService::Stub> tablet =
      v1::SyncService::NewStub(server_->NewChannel({}, token));
  EXPECT_OK(PullAll(tablet.get(), "2026", {VillageScope("00001", "thon-1")}));

  // Its QR code, for an admin only.
  const httplib::Result qr = http_->Post(
      "/api/qr", {{"Authorization", absl::StrCat("Bearer ", server_->admin_token())}},
      absl::StrCat(R"({"text":")", token, R"("})"), "application/json");
  ASSERT_EQ(qr->status, 200) << qr->body;
  EXPECT_EQ(qr->get_header_value("Content-Type"), "image/svg+xml");
  EXPECT_EQ(qr->body.substr(0, 4), "<svg");
  EXPECT_EQ(http_->Post("/api/qr", {{"Cookie", reviewer.cookie}, {"X-CSRF-Token", reviewer.csrf}},
                        R"({"text":"x"})", "application/json")
                ->status,
            403);
}

TEST_F(JsonApiE2eTest, BadRequestsAreRefusedNamingTheFieldAndChangeNothing) {
  ASSERT_NO_FATAL_FAILURE(PushHousehold("h1", "00001"));
  const Session reviewer = LoginOk("rev.in");
  const httplib::Result typed = Call(
      reviewer, "ReviewService/Approve",
      R"({"key":{"round_id":"2026","household_id":"h1"},"version":"một"})");
  EXPECT_EQ(typed->status, 400);
  EXPECT_EQ(ErrorOf(typed).status, "INVALID_ARGUMENT");
  EXPECT_EQ(ErrorOf(typed).first_field, "version") << typed->body;
  const httplib::Result garbled = Call(reviewer, "ReviewService/Approve", "{not json");
  EXPECT_EQ(garbled->status, 400);
  EXPECT_EQ(ErrorOf(garbled).status, "INVALID_ARGUMENT");

  // Only the unary methods of the console's services; Login and Logout are the session's.
  for (const std::string method : {"ReviewService/Nothing", "SyncService/Push",
                                   "AdminService/Login", "AdminService/Logout", "Other/Call"}) {
    const httplib::Result missing = Call(reviewer, method, "{}");
    EXPECT_EQ(missing->status, 404) << method;
    EXPECT_EQ(ErrorOf(missing).status, "NOT_FOUND") << method;
  }
  v1::GetHouseholdRequest get;
  get.mutable_key()->set_round_id("2026");
  get.mutable_key()->set_household_id("h1");
  std::unique_ptr<v1::ReviewService::Stub> review = server_->NewReviewStub();
  v1::GetHouseholdResponse h1;
  grpc::ClientContext context;
  ASSERT_OK(FromGrpc(review->GetHousehold(&context, get, &h1)));
  EXPECT_EQ(h1.state().status(), v1::REVIEW_STATUS_READY_FOR_REVIEW);
  EXPECT_EQ(h1.state().version(), 1u);
}

TEST_F(JsonApiE2eTest, TheConsoleIsServedFromTheBinaryWithAStrictContentPolicy) {
  const httplib::Result index = http_->Get("/");
  ASSERT_TRUE(index);
  ASSERT_EQ(index->status, 200);
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_THAT(index->body, HasSubstr("<html lang=\"vi\""));
  EXPECT_THAT(index->get_header_value("Content-Security-Policy"), HasSubstr("default-src 'self'"));
  EXPECT_EQ(index->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(http_->Get("/no-such-file.js")->status, 404);
  EXPECT_EQ(http_->Get("/..%2Fadmin.token")->status, 404);
}

}  // namespace
}  // namespace rasoat::testing
