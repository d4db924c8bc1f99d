// Users, tablets and tokens through the engine and a real store: the bootstrap admin, what each
// token authenticates as, and that a revocation, a disabled user or an expiry counts from the
// very next call.
#include "sync/identity/identity_service.h"

#include <cstdint>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "sync/identity/authenticator.h"
#include "tests/support/engine_fixture.h"
#include "tests/support/status_matchers.h"

namespace rasoat::identity {
namespace {

using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

class IdentityServiceTest : public testing::EngineTest {
 protected:
  void SetUp() override {
    Open();
    absl::StatusOr<bool> made = engine_->identity().BootstrapAdmin([this](std::string_view token) {
      admin_token_ = std::string(token);
      return absl::OkStatus();
    });
    ASSERT_OK(made);
    ASSERT_TRUE(*made);
    ASSERT_OK_AND_ASSIGN(admin_, Authenticate(admin_token_));
  }

  absl::StatusOr<Principal> Authenticate(const std::string& token) {
    return engine_->authenticator().Authenticate(token);
  }

  // A collaborator of village thon-1 of commune 00001, with `device` enrolled; its token.
  std::string EnrolledTablet(const std::string& login, const std::string& device) {
    v1::CreateUserRequest user;
    user.mutable_user()->set_login(login);
    user.mutable_user()->set_role(v1::ROLE_COLLABORATOR);
    v1::Scope* village = user.mutable_user()->add_scopes();
    village->set_commune_code("00001");
    village->set_village_code("thon-1");
    v1::CreateUserResponse created;
    EXPECT_OK(engine_->identity().CreateUser(admin_, user, &created));
    v1::EnrollDeviceRequest enroll;
    enroll.set_login(login);
    enroll.set_device_id(device);
    v1::EnrollDeviceResponse enrolled;
    EXPECT_OK(engine_->identity().EnrollDevice(admin_, enroll, &enrolled));
    return enrolled.token();
  }

  std::string admin_token_;
  Principal admin_;
};

TEST_F(IdentityServiceTest, TheFirstStartMakesOneAdminAndALaterStartNone) {
  EXPECT_EQ(admin_.login, "admin");
  EXPECT_EQ(admin_.role, v1::ROLE_ADMIN);
  EXPECT_TRUE(admin_.device_id.empty());
  ASSERT_OK_AND_ASSIGN(bool again, engine_->identity().BootstrapAdmin([](std::string_view) {
    ADD_FAILURE() << "a second admin token was made";
    return absl::OkStatus();
  }));
  EXPECT_FALSE(again);
  Open();  // reopened: the admin and its token are durable
  EXPECT_OK(Authenticate(admin_token_));
}

TEST_F(IdentityServiceTest, ATokenThatCouldNotBeKeptIsNeverCommitted) {
  options_.data_dir = dir_.Sub("other");
  Open();
  EXPECT_THAT(engine_->identity().BootstrapAdmin(
                  [](std::string_view) { return absl::UnavailableError("disk full"); }),
              StatusIs(absl::StatusCode::kUnavailable, "disk full"));
  std::string kept;
  ASSERT_OK_AND_ASSIGN(bool made, engine_->identity().BootstrapAdmin([&kept](std::string_view t) {
    kept = std::string(t);
    return absl::OkStatus();
  }));
  EXPECT_TRUE(made);
  EXPECT_OK(Authenticate(kept));
}

TEST_F(IdentityServiceTest, ATabletsTokenIsItsCollaboratorBoundToItsDevice) {
  const std::string token = EnrolledTablet("ctv.hoa", "tab-hoa");
  ASSERT_OK_AND_ASSIGN(Principal tablet, Authenticate(token));
  EXPECT_EQ(tablet.login, "ctv.hoa");
  EXPECT_EQ(tablet.role, v1::ROLE_COLLABORATOR);
  EXPECT_EQ(tablet.device_id, "tab-hoa");
  EXPECT_TRUE(tablet.CoversVillage("00001", "thon-1"));
  EXPECT_FALSE(tablet.CoversVillage("00001", "thon-2"));
  EXPECT_FALSE(tablet.CoversCommune("00001"));
}

TEST_F(IdentityServiceTest, ATabletIsSeenAtItsFirstCallAndWrittenAgainOnlyOnceItsSightingIsStale) {
  const std::string token = EnrolledTablet("ctv.hoa", "tab-hoa");
  const auto last_seen = [this] {
    v1::ListDevicesResponse devices;
    EXPECT_OK(engine_->identity().ListDevices(v1::ListDevicesRequest(), &devices));
    EXPECT_EQ(devices.devices_size(), 1);
    return devices.devices_size() == 1 ? devices.devices(0).last_seen_unix_micros() : -1;
  };
  EXPECT_EQ(last_seen(), 0);  // enrolled, never seen

  const int64_t before = absl::ToUnixMicros(absl::Now());
  ASSERT_OK_AND_ASSIGN(Principal first, Authenticate(token));
  EXPECT_EQ(first.device_seen_unix_micros, 0);
  ASSERT_OK(engine_->identity().RecordSeen(first));
  const int64_t seen = last_seen();
  EXPECT_GE(seen, before);

  // Seen again at once: the sighting is fresh, nothing is written.
  ASSERT_OK_AND_ASSIGN(Principal second, Authenticate(token));
  EXPECT_EQ(second.device_seen_unix_micros, seen);
  ASSERT_OK(engine_->identity().RecordSeen(second));
  EXPECT_EQ(last_seen(), seen);

  // A sighting older than the granularity is written again.
  second.device_seen_unix_micros -= absl::ToInt64Microseconds(kDeviceSeenGranularity);
  ASSERT_OK(engine_->identity().RecordSeen(second));
  EXPECT_GT(last_seen(), seen);

  // A person's call is no tablet's sighting.
  ASSERT_OK(engine_->identity().RecordSeen(admin_));
  EXPECT_GT(last_seen(), seen);
}

TEST_F(IdentityServiceTest, RevokingATabletAUserOrATokenCountsFromTheNextCall) {
  const std::string tablet = EnrolledTablet("ctv.hoa", "tab-hoa");
  ASSERT_OK(Authenticate(tablet));
  v1::RevokeDeviceRequest revoke;
  revoke.set_device_id("tab-hoa");
  v1::RevokeDeviceResponse revoked;
  ASSERT_OK(engine_->identity().RevokeDevice(admin_, revoke, &revoked));
  EXPECT_THAT(Authenticate(tablet),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("tablet was revoked")));

  v1::CreateTokenRequest create;
  create.set_login("ctv.hoa");
  create.set_label("laptop");
  v1::CreateTokenResponse made;
  ASSERT_OK(engine_->identity().CreateToken(admin_, create, &made));
  ASSERT_OK(Authenticate(made.token()));
  v1::UpdateUserRequest disable;
  disable.set_login("ctv.hoa");
  disable.set_disabled(true);
  v1::UpdateUserResponse updated;
  ASSERT_OK(engine_->identity().UpdateUser(admin_, disable, &updated));
  EXPECT_THAT(Authenticate(made.token()),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("disabled")));
  disable.set_disabled(false);
  ASSERT_OK(engine_->identity().UpdateUser(admin_, disable, &updated));
  ASSERT_OK(Authenticate(made.token()));

  v1::RevokeTokenRequest revoke_token;
  revoke_token.set_token_id(made.info().token_id());
  v1::RevokeTokenResponse token_revoked;
  ASSERT_OK(engine_->identity().RevokeToken(admin_, revoke_token, &token_revoked));
  EXPECT_THAT(Authenticate(made.token()),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("unknown or was revoked")));
}

TEST_F(IdentityServiceTest, AnUnknownOrMalformedTokenIsUnauthenticatedWithoutBeingQuoted) {
  std::string forged = admin_token_;
  forged[10] = forged[10] == 'A' ? 'B' : 'A';
  EXPECT_THAT(Authenticate(forged),
              StatusIs(absl::StatusCode::kUnauthenticated, Not(HasSubstr(forged.substr(5)))));
  EXPECT_THAT(Authenticate("Bearer"), StatusIs(absl::StatusCode::kUnauthenticated, ::testing::_));
  EXPECT_THAT(Authenticate(""), StatusIs(absl::StatusCode::kUnauthenticated, ::testing::_));
}

TEST_F(IdentityServiceTest, ALoginGivesASessionThatEndsAfterItsLifetime) {
  v1::CreateUserRequest user;
  user.mutable_user()->set_login("canbo.lan");
  user.mutable_user()->set_display_name("Cán bộ Lan");
  user.mutable_user()->set_role(v1::ROLE_REVIEWER);
  user.mutable_user()->add_scopes()->set_commune_code("00001");
  user.set_password("mật khẩu dài đủ");
  v1::CreateUserResponse created;
  ASSERT_OK(engine_->identity().CreateUser(admin_, user, &created));
  EXPECT_TRUE(created.user().has_password());

  v1::LoginRequest login;
  login.set_login("canbo.lan");
  login.set_password("sai mật khẩu");
  v1::LoginResponse session;
  EXPECT_THAT(engine_->identity().Login(login, &session),
              StatusIs(absl::StatusCode::kUnauthenticated, ::testing::_));
  login.set_password("mật khẩu dài đủ");
  ASSERT_OK(engine_->identity().Login(login, &session));
  EXPECT_EQ(session.info().kind(), v1::TOKEN_KIND_SESSION);
  EXPECT_EQ(session.info().expires_at_unix_micros() - session.info().created_at_unix_micros(),
            absl::ToInt64Microseconds(absl::Hours(12)));
  ASSERT_OK_AND_ASSIGN(Principal reviewer, Authenticate(session.token()));
  EXPECT_EQ(reviewer.login, "canbo.lan");

  // Past its end, by the authenticator's clock.
  const Authenticator later(&engine_->store(), [&session] {
    return absl::FromUnixMicros(session.info().expires_at_unix_micros());
  });
  EXPECT_THAT(later.Authenticate(session.token()),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("session has ended")));
}

TEST_F(IdentityServiceTest, TheLastEnabledAdminCannotBeDisabled) {
  v1::UpdateUserRequest disable;
  disable.set_login("admin");
  disable.set_disabled(true);
  v1::UpdateUserResponse updated;
  EXPECT_THAT(engine_->identity().UpdateUser(admin_, disable, &updated),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("last enabled admin")));
  EXPECT_OK(Authenticate(admin_token_));
}

TEST_F(IdentityServiceTest, OnlyAnAdminChangesOthersAndAnyoneTheirOwnPassword) {
  const std::string token = EnrolledTablet("ctv.hoa", "tab-hoa");
  ASSERT_OK_AND_ASSIGN(Principal tablet, Authenticate(token));
  v1::UpdateUserRequest request;
  request.set_login("ctv.hoa");
  request.mutable_assign_scope()->set_commune_code("00001");
  request.mutable_assign_scope()->set_village_code("thon-2");
  v1::UpdateUserResponse updated;
  EXPECT_THAT(engine_->identity().UpdateUser(tablet, request, &updated),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  request.set_password("mật khẩu mới của Hoa");
  // Not from the tablet: a stolen one would set a password and outlive its revocation.
  EXPECT_THAT(engine_->identity().UpdateUser(tablet, request, &updated),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
  v1::CreateTokenRequest create;
  create.set_login("ctv.hoa");
  v1::CreateTokenResponse person;
  ASSERT_OK(engine_->identity().CreateToken(admin_, create, &person));
  ASSERT_OK_AND_ASSIGN(Principal hoa, Authenticate(person.token()));
  EXPECT_OK(engine_->identity().UpdateUser(hoa, request, &updated));
  request.set_login("admin");
  EXPECT_THAT(engine_->identity().UpdateUser(hoa, request, &updated),
              StatusIs(absl::StatusCode::kPermissionDenied, ::testing::_));
}

TEST_F(IdentityServiceTest, BadUsersAreRefusedByFieldAndAddNothing) {
  const struct {
    const char* login;
    v1::Role role;
    const char* village;
    const char* expected;
  } cases[] = {
      {"Admin2", v1::ROLE_ADMIN, "", "login: "},
      {"", v1::ROLE_ADMIN, "", "login: "},
      {"x", v1::ROLE_UNSPECIFIED, "", "role: "},
      {"ctv", v1::ROLE_COLLABORATOR, "", "village_code is required"},
  };
  for (const auto& c : cases) {
    v1::CreateUserRequest request;
    request.mutable_user()->set_login(c.login);
    request.mutable_user()->set_role(c.role);
    v1::Scope* scope = request.mutable_user()->add_scopes();
    scope->set_commune_code("00001");
    scope->set_village_code(c.village);
    v1::CreateUserResponse response;
    EXPECT_THAT(engine_->identity().CreateUser(admin_, request, &response),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.expected)))
        << c.login;
  }
  v1::ListUsersResponse users;
  ASSERT_OK(engine_->identity().ListUsers(&users));
  ASSERT_EQ(users.users_size(), 1);
  EXPECT_EQ(users.users(0).login(), "admin");
}

}  // namespace
}  // namespace rasoat::identity
