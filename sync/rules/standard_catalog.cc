#include "sync/rules/standard_catalog.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "sync/rules/embedded_standards.h"
#include "sync/rules/local_standard.h"
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

// Every standard file as parsed: the embedded ones, or every *.textproto of `dir`, in file-name
// order.
absl::StatusOr<std::vector<v1::PovertyStandard>> LoadAll(const std::string& dir) {
  std::vector<v1::PovertyStandard> all;
  if (dir.empty()) {
    for (const EmbeddedStandard& embedded : EmbeddedStandards()) {
      absl::StatusOr<v1::PovertyStandard> standard = ParseStandard(
          std::string(embedded.text), absl::StrCat("(built-in) ", std::string(embedded.name)));
      if (!standard.ok()) return standard.status();
      all.push_back(*std::move(standard));
    }
    return all;
  }
  std::error_code error;
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".textproto") paths.push_back(entry.path());
  }
  if (error) {
    return absl::NotFoundError(
        absl::StrCat("cannot read standards directory ", dir, ": ", error.message()));
  }
  std::sort(paths.begin(), paths.end());
  for (const std::filesystem::path& path : paths) {
    absl::StatusOr<v1::PovertyStandard> standard = LoadStandard(path.string());
    if (!standard.ok()) return standard.status();
    all.push_back(*std::move(standard));
  }
  return all;
}

std::string DeterministicBytes(const v1::PovertyStandard& standard) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    standard.ByteSizeLong();  // caches the sizes SerializeWithCachedSizes needs
    standard.SerializeWithCachedSizes(&coded);
  }
  return bytes;
}

std::string Sha256Hex16(const std::string& bytes) {
  unsigned char hash[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), hash);
  return absl::BytesToHexString(std::string(reinterpret_cast<const char*>(hash), 8));
}

}  // namespace

absl::StatusOr<std::vector<v1::PovertyStandard>> LoadLocalStandards(
    const std::string& dir, const v1::PovertyStandard& national) {
  absl::StatusOr<std::vector<v1::PovertyStandard>> all = LoadAll(dir);
  if (!all.ok()) return all.status();
  std::vector<v1::PovertyStandard> locals;
  absl::flat_hash_map<std::string, std::string> province_standard;
  for (const v1::PovertyStandard& standard : *all) {
    if (standard.local().based_on() != national.name()) continue;
    absl::StatusOr<v1::PovertyStandard> resolved = ResolveLocalStandard(national, standard);
    if (!resolved.ok()) return resolved.status();
    for (const std::string& province : standard.local().province_codes()) {
      auto [at, added] = province_standard.emplace(province, standard.name());
      if (!added) {
        return absl::InvalidArgumentError(absl::StrCat("local standards '", at->second, "' and '",
                                                       standard.name(), "' both apply to province ",
                                                       province, " alongside '", national.name(),
                                                       "': one province has one local standard"));
      }
    }
    locals.push_back(*std::move(resolved));
  }
  return locals;
}

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
  return Sha256Hex16(DeterministicBytes(standard));
}

std::string StandardsDigest(const v1::PovertyStandard& national,
                            std::span<const v1::PovertyStandard> locals) {
  if (locals.empty()) return StandardDigest(national);
  std::string digests = StandardDigest(national);
  for (const v1::PovertyStandard& local : locals)
    absl::StrAppend(&digests, ",", StandardDigest(local));
  return Sha256Hex16(digests);
}

}  // namespace rasoat::rules
