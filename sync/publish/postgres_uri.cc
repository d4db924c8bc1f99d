#include "sync/publish/postgres_uri.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace rasoat::publish::internal {
namespace {

// `text` with %XX decoded; invalid escapes are kept as they are.
std::string PercentDecoded(absl::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    int value = 0;
    if (text[i] == '%' && i + 2 < text.size() &&
        absl::SimpleHexAtoi(text.substr(i + 1, 2), &value)) {
      out.push_back(static_cast<char>(value));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

}  // namespace

std::string RedactPostgresUri(std::string_view uri_view) {
  const absl::string_view uri(uri_view.data(), uri_view.size());
  constexpr size_t npos = absl::string_view::npos;
  const size_t scheme_end = uri.find("://");
  if (scheme_end == npos) return "postgresql (connection string)";
  const size_t start = scheme_end + 3;
  // Userinfo ends at the last '@' before the path, so a password holding an unescaped '@' or
  // '?' is still cut whole.
  const size_t at = uri.substr(0, std::min(uri.find('/', start), uri.size())).rfind('@');
  const bool has_userinfo = at != npos && at >= start;
  const size_t authority_end =
      std::min(uri.find_first_of("/?", has_userinfo ? at : start), uri.size());
  std::string out;
  if (has_userinfo) {
    const size_t colon = uri.find(':', start);
    absl::StrAppend(&out, uri.substr(0, colon < at ? colon : at),
                    uri.substr(at, authority_end - at));
  } else {
    out = std::string(uri.substr(0, authority_end));
  }
  const size_t query = std::min(uri.find('?', authority_end), uri.size());
  absl::StrAppend(&out, uri.substr(authority_end, query - authority_end));
  if (query < uri.size()) {
    std::vector<absl::string_view> kept;
    for (const absl::string_view param : absl::StrSplit(uri.substr(query + 1), '&')) {
      const absl::string_view key = param.substr(0, param.find('='));
      if (absl::AsciiStrToLower(PercentDecoded(key)) != "password") kept.push_back(param);
    }
    if (!kept.empty()) absl::StrAppend(&out, "?", absl::StrJoin(kept, "&"));
  }
  return out;
}

}  // namespace rasoat::publish::internal
