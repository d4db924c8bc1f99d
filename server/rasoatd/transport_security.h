// How rasoatd's connections are secured (DESIGN.md "Identity, authorization, audit"): TLS with
// the certificate and key of --tls_cert_file and --tls_key_file (and, with
// --tls_client_ca_file, only clients with a certificate that CA signed), through gRPC's
// SslServerCredentials; without a certificate, plaintext, which rasoatd serves on a loopback
// address only unless told otherwise: bearer tokens and households' personal data must not
// cross a network in the clear.
//
// Thread-safety: functions of their arguments and the files they read.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <grpcpp/security/server_credentials.h>

#include "absl/status/statusor.h"

namespace rasoat {

struct TransportSecurityOptions {
  // PEM files; both or neither. Default: neither (plaintext).
  std::string cert_file;
  std::string key_file;
  // PEM file of the CA whose certificates clients must present; empty: no client certificate.
  std::string client_ca_file;
  // Serve plaintext on an address other than loopback anyway. Default: false.
  bool allow_insecure_non_loopback = false;
};

// The credentials to serve `listen` (HOST:PORT) with. INVALID_ARGUMENT if only one of the
// certificate and the key is given, if a client CA is given without them, if plaintext would be
// served on an address that is not loopback (127.0.0.0/8, ::1, localhost) without
// allow_insecure_non_loopback, or if a file cannot be read (naming it).
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    std::string_view listen, const TransportSecurityOptions& options);

// Whether HOST of `listen` (HOST:PORT, [IPv6]:PORT) is a loopback address or "localhost".
bool IsLoopbackListen(std::string_view listen);

}  // namespace rasoat
