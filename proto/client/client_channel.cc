#include "proto/client/client_channel.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/client_interceptor.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace rasoat {
namespace {

// Adds "authorization: Bearer TOKEN" to each call's initial metadata.
class BearerInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit BearerInterceptor(const std::string* header) : header_(header) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace("authorization", *header_);
    }
    methods->Proceed();
  }

 private:
  const std::string* const header_;  // owned by the factory, which the channel keeps
};

class BearerInterceptorFactory final
    : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  explicit BearerInterceptorFactory(const std::string& token)
      : header_(absl::StrCat("Bearer ", token)) {}

  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo* /*info*/) override {
    return new BearerInterceptor(&header_);
  }

 private:
  const std::string header_;
};

absl::StatusOr<std::string> ReadFile(const std::string& path, std::string_view what) {
  std::ifstream in(path);
  if (!in) {
    const std::string reason = std::strerror(errno);
    const std::string message =
        absl::StrCat("cannot read the ", std::string(what), " ", path, ": ", reason);
    return errno == EACCES ? absl::PermissionDeniedError(message) : absl::NotFoundError(message);
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::Channel>> NewClientChannel(
    const ClientChannelOptions& options) {
  std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
  if (!options.ca_file.empty()) {
    absl::StatusOr<std::string> ca = ReadFile(options.ca_file, "CA file");
    if (!ca.ok()) return absl::InvalidArgumentError(ca.status().message());
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = *std::move(ca);
    if (!options.cert_file.empty()) {
      absl::StatusOr<std::string> cert = ReadFile(options.cert_file, "client certificate");
      if (!cert.ok()) return absl::InvalidArgumentError(cert.status().message());
      absl::StatusOr<std::string> key = ReadFile(options.key_file, "client key");
      if (!key.ok()) return absl::InvalidArgumentError(key.status().message());
      ssl.pem_cert_chain = *std::move(cert);
      ssl.pem_private_key = *std::move(key);
    }
    credentials = grpc::SslCredentials(ssl);
  }
  grpc::ChannelArguments arguments = options.arguments;
  if (options.token.empty()) {
    return grpc::CreateCustomChannel(options.server, credentials, arguments);
  }
  std::vector<std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>> bearer;
  bearer.push_back(std::make_unique<BearerInterceptorFactory>(options.token));
  return grpc::experimental::CreateCustomChannelWithInterceptors(options.server, credentials,
                                                                 arguments, std::move(bearer));
}

absl::StatusOr<std::string> ReadTokenFile(const std::string& path) {
  absl::StatusOr<std::string> text = ReadFile(path, "token file");
  if (!text.ok()) return text.status();
  const size_t end = text->find('\n');
  const absl::string_view line = absl::StripAsciiWhitespace(
      absl::string_view(*text).substr(0, end == std::string::npos ? text->size() : end));
  if (line.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("the token file ", path, " holds no token"));
  }
  return std::string(line);
}

}  // namespace rasoat
