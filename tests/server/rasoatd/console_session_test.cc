// The console's HTTP parts that need no server: the session cookie and its CSRF token
// (console_session.h), the error bodies of the JSON API (json_gateway.h) and which file names
// the console serves (console_files.h).
#include <filesystem>
#include <fstream>

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "server/rasoatd/console_files.h"
#include "server/rasoatd/console_session.h"
#include "server/rasoatd/json_gateway.h"
#include "tests/support/temp_dir.h"

namespace rasoat {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(ConsoleSessionsTest, TheCsrfTokenIsTheSessionsAndThisProcesssOnly) {
  absl::StatusOr<ConsoleSessions> sessions = ConsoleSessions::Create();
  ASSERT_TRUE(sessions.ok());
  const std::string csrf = sessions->CsrfTokenOf("rst1_session-a");
  EXPECT_EQ(csrf.size(), 64u);
  EXPECT_TRUE(sessions->CsrfMatches("rst1_session-a", csrf));
  EXPECT_FALSE(sessions->CsrfMatches("rst1_session-b", csrf));
  EXPECT_FALSE(sessions->CsrfMatches("rst1_session-a", ""));
  EXPECT_FALSE(sessions->CsrfMatches("rst1_session-a", csrf.substr(0, 63)));
  // Another process (a restart) has another key: the console asks for the token again.
  absl::StatusOr<ConsoleSessions> restarted = ConsoleSessions::Create();
  ASSERT_TRUE(restarted.ok());
  EXPECT_FALSE(restarted->CsrfMatches("rst1_session-a", csrf));
}

TEST(ConsoleSessionsTest, TheCookieIsHttpOnlyStrictAndSecureUnderTls) {
  const std::string plain = ConsoleSessions::SetCookie("rst1_x", 3600, false);
  EXPECT_EQ(plain, "rasoat_session=rst1_x; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict");
  EXPECT_THAT(ConsoleSessions::SetCookie("rst1_x", 3600, true), HasSubstr("; Secure"));
  EXPECT_THAT(ConsoleSessions::ClearCookie(false), HasSubstr("rasoat_session=; Path=/; Max-Age=0"));
}

TEST(ConsoleSessionsTest, TheTokenIsFoundAmongOtherCookies) {
  EXPECT_EQ(ConsoleSessions::TokenOf("lang=vi; rasoat_session=rst1_abc; theme=light"),
            "rst1_abc");
  EXPECT_EQ(ConsoleSessions::TokenOf("rasoat_session=rst1_abc"), "rst1_abc");
  EXPECT_EQ(ConsoleSessions::TokenOf("lang=vi"), std::nullopt);
  EXPECT_EQ(ConsoleSessions::TokenOf("rasoat_session="), std::nullopt);
  EXPECT_EQ(ConsoleSessions::TokenOf("xrasoat_session=rst1_abc"), std::nullopt);
  EXPECT_EQ(ConsoleSessions::TokenOf(""), std::nullopt);
}

TEST(JsonErrorTest, AnErrorIsValidJsonWithItsCodeStatusMessageAndField) {
  const JsonAnswer answer = ErrorAnswer(
      absl::FailedPreconditionError("household \"h1\" is at version 5\n\tnot 4"), "version");
  EXPECT_EQ(answer.http_status, 400);
  google::protobuf::Struct body;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(answer.body, &body).ok()) << answer.body;
  EXPECT_EQ(body.fields().at("code").number_value(), 9);
  EXPECT_EQ(body.fields().at("status").string_value(), "FAILED_PRECONDITION");
  EXPECT_EQ(body.fields().at("message").string_value(),
            "household \"h1\" is at version 5\n\tnot 4");
  const auto& violations = body.fields().at("field_violations").list_value();
  ASSERT_EQ(violations.values_size(), 1);
  EXPECT_EQ(violations.values(0).struct_value().fields().at("field").string_value(), "version");
  EXPECT_THAT(ErrorAnswer(absl::NotFoundError("x")).body, HasSubstr("\"field_violations\":[]"));
}

TEST(JsonErrorTest, CodesMapToTheirHttpStatus) {
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kAborted), 409);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kInternal), 500);
}

TEST(ConsoleFilesTest, OnlyPlainNamesWithAKnownExtensionAreServed) {
  testing::TempDir dir;
  std::ofstream(dir.Sub("app.js")) << "export {};";
  std::ofstream(dir.Sub("notes.txt")) << "private";
  std::filesystem::create_directories(dir.Sub("sub"));
  std::ofstream(dir.Sub("sub/x.js")) << "x";
  const ConsoleFiles files(dir.path());
  const std::optional<ConsoleFile> app = files.Find("app.js");
  ASSERT_TRUE(app.has_value());
  EXPECT_EQ(app->body, "export {};");
  EXPECT_EQ(app->content_type, "text/javascript; charset=utf-8");
  for (const char* refused : {"notes.txt", "sub/x.js", "../app.js", ".js", "App.js", "app..js",
                              "missing.js", ""}) {
    EXPECT_FALSE(files.Find(refused).has_value()) << refused;
  }
}

TEST(ConsoleFilesTest, TheBuiltInConsoleHasItsPage) {
  const std::optional<ConsoleFile> index = ConsoleFiles("").Find("index.html");
  ASSERT_TRUE(index.has_value());
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_THAT(index->body, HasSubstr("<html lang=\"vi\""));
  EXPECT_THAT(index->body, Not(HasSubstr("http://")));  // nothing from the internet
}

}  // namespace
}  // namespace rasoat
