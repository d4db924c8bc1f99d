// rasoatd's log (server/rasoatd/event_log.h) as an operator's tools read it: every line on
// stderr is one JSON object with a time, a level and an event; the start says the version and
// the effective flags, with a program store's password hidden; each call is in the access log
// with its method, code, duration, caller (a token id, never a login) and bytes sent; the
// access log's principal does not reach the client in the trailers; the stop is logged.
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <grpcpp/client_context.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/e2e/rasoatd_process.h"
#include "tests/e2e/sync_client.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace rasoat::testing {
namespace {

using ::google::protobuf::Struct;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Text(const Struct& event, const std::string& key) {
  const auto found = event.fields().find(key);
  return found == event.fields().end() ? "" : found->second.string_value();
}

double Number(const Struct& event, const std::string& key) {
  const auto found = event.fields().find(key);
  return found == event.fields().end() ? -1 : found->second.number_value();
}

TEST(EventLogE2eTest, EveryLineIsAJsonEventAndEachCallIsInTheAccessLog) {
  TempDir dir;
  const std::string stderr_path = dir.Sub("stderr.log");
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<RasoatdProcess> server,
      RasoatdProcess::Start(
          dir.Sub("data"), {"--program_store=postgresql://rasoat:s3cret-pw@127.0.0.1:1/rasoat"},
          {"/bin/sh", "-c", absl::StrCat("exec \"$0\" \"$@\" 2>>", stderr_path)}));
  std::unique_ptr<v1::SyncService::Stub> sync = server->NewSyncStub();
  ASSERT_OK(Push(sync.get(), "tab-log", {MakeMutation("h1", "m1", 0, MakeHousehold(1))}));

  // A call without a token: refused, and logged without a principal.
  auto channel = server->NewChannel({}, "");
  std::unique_ptr<v1::SyncService::Stub> anonymous = v1::SyncService::NewStub(channel);
  grpc::ClientContext context;
  v1::PushResponse ignored;
  EXPECT_EQ(anonymous->Push(&context, v1::PushRequest(), &ignored).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  // The admin's own call: its trailers do not carry the access log's principal.
  grpc::ClientContext admitted;
  v1::PushRequest empty;
  empty.set_device_id("tab-log");
  sync->Push(&admitted, empty, &ignored);
  EXPECT_EQ(admitted.GetServerTrailingMetadata().count("rasoat-access-principal"), 0u);
  sync.reset();
  ASSERT_EQ(server->Terminate(), 0);

  const std::string log = ReadAll(stderr_path);
  EXPECT_THAT(log, Not(HasSubstr("s3cret-pw")));
  std::vector<Struct> events;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    Struct& event = events.emplace_back();
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &event).ok()) << line;
    EXPECT_THAT(Text(event, "ts"), StartsWith("20")) << line;
    EXPECT_THAT(Text(event, "level"), ::testing::AnyOf("info", "warning", "error")) << line;
  }
  std::map<std::string, std::vector<const Struct*>> by_event;
  for (const Struct& event : events) by_event[Text(event, "event")].push_back(&event);

  ASSERT_EQ(by_event["start"].size(), 1u);
  const Struct& start = *by_event["start"][0];
  EXPECT_FALSE(Text(start, "version").empty());
  EXPECT_EQ(Text(start, "listen"), "127.0.0.1:0");
  EXPECT_EQ(Text(start, "program_store"), "postgresql://rasoat:***@127.0.0.1:1/rasoat");
  EXPECT_EQ(by_event["serving"].size(), 1u);
  EXPECT_EQ(by_event["stop"].size(), 1u);
  EXPECT_EQ(by_event["stopped"].size(), 1u);

  const Struct* pushed = nullptr;
  const Struct* refused = nullptr;
  for (const Struct* rpc : by_event["rpc"]) {
    if (Text(*rpc, "method") != "/rasoat.v1.SyncService/Push") continue;
    if (Text(*rpc, "code") == "OK" && pushed == nullptr) pushed = rpc;
    if (Text(*rpc, "code") == "UNAUTHENTICATED") refused = rpc;
  }
  ASSERT_NE(pushed, nullptr) << log;
  EXPECT_THAT(Text(*pushed, "principal"), StartsWith("token:"));
  EXPECT_THAT(Text(*pushed, "principal"), Not(HasSubstr("admin")));
  EXPECT_GT(Number(*pushed, "bytes_out"), 0);
  EXPECT_GE(Number(*pushed, "ms"), 0);
  ASSERT_NE(refused, nullptr) << log;
  EXPECT_EQ(Text(*refused, "principal"), "");
}

}  // namespace
}  // namespace rasoat::testing
