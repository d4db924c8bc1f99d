// The round targets files of deploy/targets/ as they were when rasoatd was built, so the server
// reports against them without any file beside it. A province that must correct its figures
// without a rebuild points the server at its own copies (targets_loader.h LoadRoundTargets).
//
// Thread-safety: constant data.
#pragma once

#include <span>
#include <string_view>

namespace rasoat::rules {

struct EmbeddedTargetsFile {
  // The file name without ".textproto": the round id, e.g. "2026".
  std::string_view name;
  // The file's text.
  std::string_view text;
};

// In file-name order; empty when deploy/targets/ had no file.
std::span<const EmbeddedTargetsFile> EmbeddedTargetsFiles();

}  // namespace rasoat::rules
