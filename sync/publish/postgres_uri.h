// What a PostgreSQL connection URI may show: the URI without its password, for status pages
// and error messages (the program store's Describe()).
// Thread-safety: a free function without shared state.
#pragma once

#include <string>
#include <string_view>

namespace rasoat::publish::internal {

// `uri` without its password, both in "user:password@" and in a "password=" query parameter
// (any case, percent-encoded or not). A keyword/value connection string ("host=h password=p"),
// which this does not parse, comes back as "postgresql (connection string)".
std::string RedactPostgresUri(std::string_view uri);

}  // namespace rasoat::publish::internal
