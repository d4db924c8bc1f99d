// The standard files of deploy/standards/ as they were when rasoatd was built, so the server
// runs on its defaults without any file beside it. A deployment that must correct a standard
// without a rebuild points --standards_dir at its own copies (standard_catalog.h).
//
// Thread-safety: constant data.
#pragma once

#include <span>
#include <string_view>

namespace rasoat::rules {

struct EmbeddedStandard {
  // The file name without ".textproto", e.g. "decree-07-2021".
  std::string_view name;
  // The file's text.
  std::string_view text;
};

// In file-name order.
std::span<const EmbeddedStandard> EmbeddedStandards();

}  // namespace rasoat::rules
