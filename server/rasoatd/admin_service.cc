#include "server/rasoatd/admin_service.h"

#include <chrono>
#include <string>
#include <vector>

#include "server/rasoatd/grpc_status.h"
#include "server/rasoatd/publish_status_wait.h"
#include "server/rasoatd/raw_messages.h"
#include "server/rasoatd/raw_unary_call.h"
#include "server/rasoatd/recorded_backup.h"

namespace rasoat {
namespace {

constexpr uint32_t kMaxWaitSeconds = 600;

}  // namespace

grpc::ServerUnaryReactor* AdminServiceImpl::GetPublishStatus(grpc::CallbackServerContext* context,
                                                             const grpc::ByteBuffer* request,
                                                             grpc::ByteBuffer* response) {
  // The request is a few bytes: parsed here, so that a wait is started without a thread.
  v1::GetPublishStatusRequest call;
  absl::Status parsed = ParseRequest(const_cast<grpc::ByteBuffer*>(request), &call);
  if (parsed.ok() && call.wait_drained_seconds() > kMaxWaitSeconds) {
    parsed = absl::InvalidArgumentError("wait_drained_seconds: at most 600");
  }
  if (!parsed.ok()) {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(ToGrpcStatus(parsed));
    return reactor;
  }
  auto admit = [gate = gate_, context] {
    return gate->Admit(context, "/rasoat.v1.AdminService/GetPublishStatus").status();
  };
  if (call.wait_drained_seconds() > 0) {
    return PublishStatusWait::Start(publisher_, pool_, std::move(admit),
                                    std::chrono::seconds(call.wait_drained_seconds()), response);
  }
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  pool_->Schedule([this, reactor, response, admit = std::move(admit)] {
    absl::Status status = admit();
    if (status.ok()) status = SerializeResponse(publisher_->Status(), response);
    reactor->Finish(ToGrpcStatus(status));
  });
  return reactor;
}

grpc::ServerUnaryReactor* AdminServiceImpl::RetryDeadLetters(grpc::CallbackServerContext* context,
                                                             const grpc::ByteBuffer* request,
                                                             grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::RetryDeadLettersRequest, v1::RetryDeadLettersResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/RetryDeadLetters", request, response,
      [this](const identity::Principal& caller, const v1::RetryDeadLettersRequest& call,
             v1::RetryDeadLettersResponse* result) {
        return publisher_->RetryDeadLetters(caller.login, call, result);
      });
}

grpc::ServerUnaryReactor* AdminServiceImpl::ListPublished(grpc::CallbackServerContext* context,
                                                          const grpc::ByteBuffer* request,
                                                          grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::ListPublishedRequest, v1::ListPublishedResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/ListPublished", request, response,
      [this](const identity::Principal& caller, const v1::ListPublishedRequest& call,
             v1::ListPublishedResponse* result) {
        return published_->ListPublished(caller, call, result);
      });
}

grpc::ServerUnaryReactor* AdminServiceImpl::Login(grpc::CallbackServerContext* context,
                                                  const grpc::ByteBuffer* request,
                                                  grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::LoginRequest, v1::LoginResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/Login", request, response,
      [this](const identity::Principal& /*caller*/, const v1::LoginRequest& call,
             v1::LoginResponse* result) { return identity_->Login(call, result); });
}

grpc::ServerUnaryReactor* AdminServiceImpl::WhoAmI(grpc::CallbackServerContext* context,
                                                   const grpc::ByteBuffer* request,
                                                   grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::WhoAmIRequest, v1::WhoAmIResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/WhoAmI", request, response,
      [this](const identity::Principal& caller, const v1::WhoAmIRequest& /*call*/,
             v1::WhoAmIResponse* result) { return identity_->WhoAmI(caller, result); });
}

grpc::ServerUnaryReactor* AdminServiceImpl::Logout(grpc::CallbackServerContext* context,
                                                   const grpc::ByteBuffer* request,
                                                   grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::LogoutRequest, v1::LogoutResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/Logout", request, response,
      [this](const identity::Principal& caller, const v1::LogoutRequest& /*call*/,
             v1::LogoutResponse* result) { return identity_->Logout(caller, result); });
}

grpc::ServerUnaryReactor* AdminServiceImpl::CreateUser(grpc::CallbackServerContext* context,
                                                       const grpc::ByteBuffer* request,
                                                       grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::CreateUserRequest, v1::CreateUserResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/CreateUser", request, response,
      [this](const identity::Principal& caller, const v1::CreateUserRequest& call,
             v1::CreateUserResponse* result) {
        return identity_->CreateUser(caller, call, result);
      });
}

grpc::ServerUnaryReactor* AdminServiceImpl::ListUsers(grpc::CallbackServerContext* context,
                                                      const grpc::ByteBuffer* request,
                                                      grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::ListUsersRequest, v1::ListUsersResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/ListUsers", request, response,
      [this](const identity::Principal& /*caller*/, const v1::ListUsersRequest& /*call*/,
             v1::ListUsersResponse* result) { return identity_->ListUsers(result); });
}

grpc::ServerUnaryReactor* AdminServiceImpl::UpdateUser(grpc::CallbackServerContext* context,
                                                       const grpc::ByteBuffer* request,
                                                       grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::UpdateUserRequest, v1::UpdateUserResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/UpdateUser", request, response,
      [this](const identity::Principal& caller, const v1::UpdateUserRequest& call,
             v1::UpdateUserResponse* result) {
        return identity_->UpdateUser(caller, call, result);
      });
}

grpc::ServerUnaryReactor* AdminServiceImpl::EnrollDevice(grpc::CallbackServerContext* context,
                                                         const grpc::ByteBuffer* request,
                                                         grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::EnrollDeviceRequest, v1::EnrollDeviceResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/EnrollDevice", request, response,
      [this](const identity::Principal& caller, const v1::EnrollDeviceRequest& call,
             v1::EnrollDeviceResponse* result) {
        return identity_->EnrollDevice(caller, call, result);
      });
}

grpc::ServerUnaryReactor* AdminServiceImpl::RevokeDevice(grpc::CallbackServerContext* context,
                                                         const grpc::ByteBuffer* request,
                                                         grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::RevokeDeviceRequest, v1::RevokeDeviceResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/RevokeDevice", request, response,
      [this](const identity::Principal& caller, const v1::RevokeDeviceRequest& call,
             v1::RevokeDeviceResponse* result) {
        return identity_->RevokeDevice(caller, call, result);
      });
}

grpc::ServerUnaryReactor* AdminServiceImpl::ListDevices(grpc::CallbackServerContext* context,
                                                        const grpc::ByteBuffer* request,
                                                        grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::ListDevicesRequest, v1::ListDevicesResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/ListDevices", request, response,
      [this](const identity::Principal& /*caller*/, const v1::ListDevicesRequest& call,
             v1::ListDevicesResponse* result) { return identity_->ListDevices(call, result); });
}

grpc::ServerUnaryReactor* AdminServiceImpl::CreateToken(grpc::CallbackServerContext* context,
                                                        const grpc::ByteBuffer* request,
                                                        grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::CreateTokenRequest, v1::CreateTokenResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/CreateToken", request, response,
      [this](const identity::Principal& caller, const v1::CreateTokenRequest& call,
             v1::CreateTokenResponse* result) {
        return identity_->CreateToken(caller, call, result);
      });
}

grpc::ServerUnaryReactor* AdminServiceImpl::RevokeToken(grpc::CallbackServerContext* context,
                                                        const grpc::ByteBuffer* request,
                                                        grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::RevokeTokenRequest, v1::RevokeTokenResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/RevokeToken", request, response,
      [this](const identity::Principal& caller, const v1::RevokeTokenRequest& call,
             v1::RevokeTokenResponse* result) {
        return identity_->RevokeToken(caller, call, result);
      });
}

grpc::ServerUnaryReactor* AdminServiceImpl::ListTokens(grpc::CallbackServerContext* context,
                                                       const grpc::ByteBuffer* request,
                                                       grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::ListTokensRequest, v1::ListTokensResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/ListTokens", request, response,
      [this](const identity::Principal& /*caller*/, const v1::ListTokensRequest& call,
             v1::ListTokensResponse* result) { return identity_->ListTokens(call, result); });
}

grpc::ServerUnaryReactor* AdminServiceImpl::AuditHead(grpc::CallbackServerContext* context,
                                                      const grpc::ByteBuffer* request,
                                                      grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::AuditHeadRequest, v1::AuditHeadResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/AuditHead", request, response,
      [this](const identity::Principal& /*caller*/, const v1::AuditHeadRequest& /*call*/,
             v1::AuditHeadResponse* result) { return audit_->Head(result); });
}

grpc::ServerUnaryReactor* AdminServiceImpl::VerifyAudit(grpc::CallbackServerContext* context,
                                                        const grpc::ByteBuffer* request,
                                                        grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::VerifyAuditRequest, v1::VerifyAuditResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/VerifyAudit", request, response,
      [this](const identity::Principal& /*caller*/, const v1::VerifyAuditRequest& call,
             v1::VerifyAuditResponse* result) { return audit_->Verify(call, result); });
}

grpc::ServerUnaryReactor* AdminServiceImpl::ListAudit(grpc::CallbackServerContext* context,
                                                      const grpc::ByteBuffer* request,
                                                      grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::ListAuditRequest, v1::ListAuditResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/ListAudit", request, response,
      [this](const identity::Principal& /*caller*/, const v1::ListAuditRequest& call,
             v1::ListAuditResponse* result) { return audit_->List(call, result); });
}

namespace {

void ToWire(const BackupSummary& backup, v1::Backup* wire) {
  wire->set_backup_id(backup.id);
  wire->set_created_at_unix_micros(backup.created_unix_seconds * 1'000'000);
  wire->set_size_bytes(backup.bytes);
  wire->set_file_count(backup.files);
}

absl::Status NoBackupDir() {
  return absl::FailedPreconditionError(
      "rasoatd was started without --backup_dir; set it (and restart) to make backups");
}

}  // namespace

grpc::ServerUnaryReactor* AdminServiceImpl::CreateBackup(grpc::CallbackServerContext* context,
                                                         const grpc::ByteBuffer* request,
                                                         grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::CreateBackupRequest, v1::CreateBackupResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/CreateBackup", request, response,
      [this](const identity::Principal& caller, const v1::CreateBackupRequest& /*call*/,
             v1::CreateBackupResponse* result) -> absl::Status {
        if (backups_ == nullptr) return NoBackupDir();
        absl::StatusOr<BackupSummary> made =
            CreateRecordedBackup(*backups_, *audit_log_, caller.login, caller.device_id);
        if (!made.ok()) return made.status();
        ToWire(*made, result->mutable_backup());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AdminServiceImpl::ListBackups(grpc::CallbackServerContext* context,
                                                        const grpc::ByteBuffer* request,
                                                        grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::ListBackupsRequest, v1::ListBackupsResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/ListBackups", request, response,
      [this](const identity::Principal& /*caller*/, const v1::ListBackupsRequest& /*call*/,
             v1::ListBackupsResponse* result) -> absl::Status {
        if (backups_ == nullptr) return NoBackupDir();
        absl::StatusOr<std::vector<BackupSummary>> listed = backups_->ListBackups();
        if (!listed.ok()) return listed.status();
        for (const BackupSummary& backup : *listed) ToWire(backup, result->add_backups());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AdminServiceImpl::VerifyBackup(grpc::CallbackServerContext* context,
                                                         const grpc::ByteBuffer* request,
                                                         grpc::ByteBuffer* response) {
  return RunRawUnaryCall<v1::VerifyBackupRequest, v1::VerifyBackupResponse>(
      context, pool_, gate_, "/rasoat.v1.AdminService/VerifyBackup", request, response,
      [this](const identity::Principal& /*caller*/, const v1::VerifyBackupRequest& call,
             v1::VerifyBackupResponse* result) -> absl::Status {
        if (backups_ == nullptr) return NoBackupDir();
        const absl::Status verified = backups_->VerifyBackup(call.backup_id());
        if (verified.code() == absl::StatusCode::kDataLoss) {
          result->set_intact(false);
          result->set_problem(std::string(verified.message()));
          return absl::OkStatus();
        }
        if (!verified.ok()) return verified;
        result->set_intact(true);
        return absl::OkStatus();
      });
}

}  // namespace rasoat
