// MutationDigester: the digest of what a mutation asks for, kept with its idempotency record
// (sync/store/mutation_value.h) so that a retry — the same (device_id, mutation_id) with the
// same content — is told apart from a mutation id reused for other content, which is rejected
// with ALREADY_EXISTS rather than dropped as a duplicate (DESIGN.md "The wire contract").
//
// The digest is SHA-256 over the mutation's deterministic serialization: its key, mutation_id,
// base_version, record and resolves_conflicts, and whatever a later tablet adds. It guards
// against accidents (a tablet reinstalled with its counter reset, a bug), not attackers. It is
// SHA-256 because OpenSSL is linked already, its output is the same on every machine and in
// every release (a digest is stored), and with the CPU's SHA instructions it costs about what
// serializing the record does; the serialization is streamed into the hash, never copied.
//
// Thread-safety: not thread-safe (it keeps one hashing context between calls); one per push.
#pragma once

#include <array>

#include "absl/status/statusor.h"
#include "rasoat/v1/sync.pb.h"

typedef struct evp_md_st EVP_MD;
typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace rasoat {

// 32 bytes of SHA-256.
using MutationDigest = std::array<char, 32>;

class MutationDigester {
 public:
  MutationDigester();
  ~MutationDigester();
  MutationDigester(const MutationDigester&) = delete;
  MutationDigester& operator=(const MutationDigester&) = delete;

  // The digest of `mutation`. INTERNAL if OpenSSL fails (out of memory, no SHA-256).
  absl::StatusOr<MutationDigest> Digest(const v1::Mutation& mutation);

 private:
  EVP_MD* sha256_;       // owned; null if it could not be fetched
  EVP_MD_CTX* context_;  // owned; null if it could not be made
};

}  // namespace rasoat
