// TempDir: a fresh directory under $TEST_TMPDIR (or /tmp), removed with everything in it when
// the object goes away. Thread-safety: one owner.
#pragma once

#include <string>

namespace rasoat::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path()/name.
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace rasoat::testing
