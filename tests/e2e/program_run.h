// RunProgram runs a command-line program to its end for a test (rasoatctl, rasoat-tablet) and
// keeps its exit code and everything it printed.
// Thread-safety: a function; each call has its own child process and pipes.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace rasoat::testing {

struct ProgramResult {
  // The exit code, or -signal if a signal ended the program; -1 if it could not start.
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `args` (args[0] the program's path) with stdin from /dev/null and returns its exit
// code (-signal if a signal ended it) and everything it printed. Both pipes are drained
// together, so a child filling one never blocks.
ProgramResult RunProgram(const std::vector<std::string>& args);

// "exit N", then stdout and stderr: what a failed expectation should show.
std::string Describe(const ProgramResult& result);
std::ostream& operator<<(std::ostream& out, const ProgramResult& result);

}  // namespace rasoat::testing
