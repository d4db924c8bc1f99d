// rasoatd over TLS with a throwaway CA made by the openssl command: tablets push and pull over
// it, a plaintext client cannot talk to it, mutual TLS turns away a client without a
// certificate, and plaintext is refused on an address that is not loopback unless the operator
// says so.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "proto/client/client_channel.h"
#include "rasoat/v1/sync.grpc.pb.h"
#include "tests/e2e/program_run.h"
#include "tests/e2e/rasoatd_process.h"
#include "tests/e2e/sync_client.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"
#include "tests/support/temp_dir.h"

namespace rasoat::testing {
namespace {

using ::testing::HasSubstr;

class TlsE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A CA, and a certificate it signs for 127.0.0.1 and localhost, and one for a client.
    const std::string script = absl::StrCat(
        "set -e; cd ", dir_.path(), "; ",
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
        "-keyout ca.key -out ca.pem -days 1 -subj /CN=rasoat-test-ca 2>/dev/null; ",
        "for who in server client; do ",
        "openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout $who.key "
        "-out $who.csr -subj /CN=$who 2>/dev/null; ",
        "printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > $who.ext; ",
        "openssl x509 -req -in $who.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 "
        "-extfile $who.ext -out $who.pem 2>/dev/null; done");
    const ProgramResult made = RunProgram({"/bin/sh", "-c", script});
    ASSERT_EQ(made.exit_code, 0) << made;
  }

  absl::StatusOr<std::unique_ptr<RasoatdProcess>> StartTls(std::vector<std::string> extra = {}) {
    std::vector<std::string> flags = {absl::StrCat("--tls_cert_file=", dir_.Sub("server.pem")),
                                      absl::StrCat("--tls_key_file=", dir_.Sub("server.key"))};
    flags.insert(flags.end(), extra.begin(), extra.end());
    return RasoatdProcess::Start(dir_.Sub("data"), flags);
  }

  std::unique_ptr<v1::SyncService::Stub> Stub(const RasoatdProcess& server, bool tls,
                                              bool client_certificate = false) {
    ClientChannelOptions options;
    options.server = server.address();
    options.token = server.admin_token();
    if (tls) options.ca_file = dir_.Sub("ca.pem");
    if (client_certificate) {
      options.cert_file = dir_.Sub("client.pem");
      options.key_file = dir_.Sub("client.key");
    }
    return v1::SyncService::NewStub(*NewClientChannel(options));
  }

  TempDir dir_;
};

TEST_F(TlsE2eTest, TabletsPushAndPullOverTlsAndPlaintextGetsNothing) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RasoatdProcess> server, StartTls());
  EXPECT_THAT(server->startup_output(), HasSubstr("(TLS; data in "));
  std::unique_ptr<v1::SyncService::Stub> tls = Stub(*server, /*tls=*/true);
  ASSERT_OK_AND_ASSIGN(v1::PushResponse pushed,
                       Push(tls.get(), "tab-1", {MakeMutation("h1", "m1", 0, MakeHousehold(1))}));
  EXPECT_EQ(pushed.results(0).outcome(), v1::MUTATION_OUTCOME_APPLIED);
  ASSERT_OK_AND_ASSIGN(PullResult pulled, PullAll(tls.get(), "2026", {CommuneScope("00001")}));
  ASSERT_EQ(pulled.households.size(), 1u);
  EXPECT_EQ(pulled.households[0].record().SerializeAsString(),
            MakeHousehold(1).SerializeAsString());

  std::unique_ptr<v1::SyncService::Stub> plaintext = Stub(*server, /*tls=*/false);
  EXPECT_THAT(PullAll(plaintext.get(), "2026", {CommuneScope("00001")}),
              StatusIs(absl::StatusCode::kUnavailable, ::testing::_));
  EXPECT_EQ(server->Terminate(), 0);
}

TEST_F(TlsE2eTest, MutualTlsTurnsAwayAClientWithoutACertificate) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RasoatdProcess> server,
                       StartTls({absl::StrCat("--tls_client_ca_file=", dir_.Sub("ca.pem"))}));
  std::unique_ptr<v1::SyncService::Stub> anonymous = Stub(*server, /*tls=*/true);
  EXPECT_THAT(PullAll(anonymous.get(), "2026", {CommuneScope("00001")}),
              StatusIs(absl::StatusCode::kUnavailable, ::testing::_));
  std::unique_ptr<v1::SyncService::Stub> known = Stub(*server, /*tls=*/true, true);
  EXPECT_OK(PullAll(known.get(), "2026", {CommuneScope("00001")}));
}

TEST_F(TlsE2eTest, PlaintextOnANonLoopbackAddressIsRefusedUnlessAllowed) {
  const ProgramResult refused = RunProgram(
      {RASOATD_PATH, "--listen=0.0.0.0:0", absl::StrCat("--data_dir=", dir_.Sub("refused"))});
  EXPECT_EQ(refused.exit_code, 1) << refused;
  EXPECT_THAT(refused.err, HasSubstr("is not a loopback address"));
  EXPECT_THAT(refused.err, HasSubstr("--allow_insecure_non_loopback"));

  const ProgramResult half = RunProgram({RASOATD_PATH, absl::StrCat("--data_dir=", dir_.Sub("h")),
                                         absl::StrCat("--tls_cert_file=", dir_.Sub("server.pem"))});
  EXPECT_EQ(half.exit_code, 1) << half;
  EXPECT_THAT(half.err, HasSubstr("give both"));

  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<RasoatdProcess> allowed,
      RasoatdProcess::Start(dir_.Sub("allowed"),
                            {"--listen=0.0.0.0:0", "--allow_insecure_non_loopback"}));
  EXPECT_THAT(allowed->startup_output(), HasSubstr("WARNING: serving plaintext"));
}

}  // namespace
}  // namespace rasoat::testing
