#include "sync/rules/standard_catalog.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "sync/rules/embedded_standards.h"
#include "sync/rules/standard_loader.h"
#include <openssl/sha.h>

namespace rasoat::rules {
namespace {

absl::StatusOr<v1::PovertyStandard> LoadEmbedded(const std::string& name) {
  std::vector<std::string> names;
  for (const EmbeddedStandard& embedded : EmbeddedStandards()) {
    if (embedded.name == name) {
      return ParseStandard(std::string(embedded.text), absl::StrCat("(built-in) ", name));
    }
    names.emplace_back(embedded.name);
  }
  return absl::NotFoundError(absl::StrCat("no built-in poverty standard '", name,
                                          "'; built in: ", absl::StrJoin(names, ", "),
                                          " (or give --standards_dir)"));
}

}  // namespace

absl::StatusOr<v1::PovertyStandard> LoadStandardNamed(const std::string& dir,
                                                      const std::string& name) {
  absl::StatusOr<v1::PovertyStandard> standard =
      dir.empty() ? LoadEmbedded(name) : LoadStandard(absl::StrCat(dir, "/", name, ".textproto"));
  if (standard.ok() && standard->name() != name) {
    return absl::InvalidArgumentError(absl::StrCat("poverty standard '", name, "' names itself '",
                                                   standard->name(),
                                                   "': the file name and `name:` must agree"));
  }
  return standard;
}

std::string StandardDigest(const v1::PovertyStandard& standard) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    standard.ByteSizeLong();  // caches the sizes SerializeWithCachedSizes needs
    standard.SerializeWithCachedSizes(&coded);
  }
  unsigned char hash[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), hash);
  return absl::BytesToHexString(std::string(reinterpret_cast<const char*>(hash), 8));
}

}  // namespace rasoat::rules
