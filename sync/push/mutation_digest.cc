#include "sync/push/mutation_digest.h"

#include <cstdint>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream.h>

#include <openssl/evp.h>

namespace rasoat {
namespace {

// Hands protobuf's serializer a buffer and hashes each part it fills, so that the serialized
// mutation is never held whole.
class HashingStream final : public google::protobuf::io::ZeroCopyOutputStream {
 public:
  explicit HashingStream(EVP_MD_CTX* context) : context_(context) {}

  bool Next(void** data, int* size) override {
    if (!Flush()) return false;
    *data = buffer_;
    *size = sizeof(buffer_);
    filled_ = sizeof(buffer_);
    return true;
  }

  void BackUp(int count) override { filled_ -= count; }

  int64_t ByteCount() const override { return hashed_ + filled_; }

  // Hashes what the serializer wrote since the last Next. False if OpenSSL failed.
  bool Flush() {
    if (filled_ > 0 && EVP_DigestUpdate(context_, buffer_, filled_) != 1) ok_ = false;
    hashed_ += filled_;
    filled_ = 0;
    return ok_;
  }

 private:
  EVP_MD_CTX* context_;  // not owned
  char buffer_[4096];
  int filled_ = 0;
  int64_t hashed_ = 0;
  bool ok_ = true;
};

}  // namespace

MutationDigester::MutationDigester()
    : sha256_(EVP_MD_fetch(nullptr, "SHA256", nullptr)), context_(EVP_MD_CTX_new()) {}

MutationDigester::~MutationDigester() {
  EVP_MD_CTX_free(context_);
  EVP_MD_free(sha256_);
}

absl::StatusOr<MutationDigest> MutationDigester::Digest(const v1::Mutation& mutation) {
  if (sha256_ == nullptr || context_ == nullptr ||
      EVP_DigestInit_ex2(context_, sha256_, nullptr) != 1) {
    return absl::InternalError("mutation digest: SHA-256 unavailable");
  }
  HashingStream stream(context_);
  {
    google::protobuf::io::CodedOutputStream out(&stream);
    out.SetSerializationDeterministic(true);
    mutation.SerializeToCodedStream(&out);
  }
  MutationDigest digest;
  unsigned int size = 0;
  if (!stream.Flush() ||
      EVP_DigestFinal_ex(context_, reinterpret_cast<unsigned char*>(digest.data()), &size) != 1 ||
      size != digest.size()) {
    return absl::InternalError("mutation digest: SHA-256 failed");
  }
  return digest;
}

}  // namespace rasoat
