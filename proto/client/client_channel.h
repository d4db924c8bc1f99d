// How a client of the wire contract reaches rasoatd (DESIGN.md "Identity, authorization,
// audit"): a channel that presents a bearer token as "authorization: Bearer TOKEN" on every
// call, over TLS when a CA file is given, and the reading of a token file. rasoatctl,
// rasoat-tablet, the benchmarks and the tests open their channels here, so that none of them
// forgets the token. It lives beside the contract, not in server/, because rasoat-tablet may
// know the contract only.
//
// Thread-safety: functions of their arguments; the channel is gRPC's, thread-safe.
#pragma once

#include <memory>
#include <string>

#include <grpcpp/channel.h>
#include <grpcpp/support/channel_arguments.h>

#include "absl/status/statusor.h"

namespace rasoat {

struct ClientChannelOptions {
  // host:port of rasoatd.
  std::string server;
  // The bearer token every call presents; empty: none (only health answers then).
  std::string token;
  // PEM file of the CA that signed rasoatd's certificate: TLS. Empty: plaintext, which
  // rasoatd serves only on loopback unless told otherwise.
  std::string ca_file;
  // With ca_file, for a rasoatd that asks for client certificates (mutual TLS): this client's
  // PEM certificate chain and key. Default: none.
  std::string cert_file;
  std::string key_file;
  // Passed to gRPC as they are.
  grpc::ChannelArguments arguments;
};

// A channel to options.server. INVALID_ARGUMENT if the CA file, or the client certificate or
// key, cannot be read.
absl::StatusOr<std::shared_ptr<grpc::Channel>> NewClientChannel(
    const ClientChannelOptions& options);

// The token kept in `path` (its first line, without surrounding blanks). NOT_FOUND or
// PERMISSION_DENIED naming the path if it cannot be read; INVALID_ARGUMENT if it holds no token.
absl::StatusOr<std::string> ReadTokenFile(const std::string& path);

}  // namespace rasoat
