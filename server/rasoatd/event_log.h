// EventLog: rasoatd's structured log, one JSON object per line (JSON Lines) on stderr, which
// the journal, `podman logs` and `kubectl logs` keep (deploy/README.md, "Logs"):
//   {"ts":"2026-12-04T05:00:00.123Z","level":"info","event":"rpc","method":...,"code":"OK",...}
// An event is built as a LogLine and written with one write(2), so lines from many threads
// never interleave. What goes in is the caller's choice and its responsibility: never a name,
// a national ID, an income, a household's contents or a token (DESIGN.md invariants); ids of
// tokens and devices, methods, codes, sizes and durations are what it is for.
//
// Thread-safety: EventLog::Write may be called from any thread; a LogLine is one thread's.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rasoat {

// One event: its time (when it was made), level and name, then fields in the order added.
class LogLine {
 public:
  // `level` is "info", "warning" or "error"; `event` e.g. "start", "rpc", "error".
  LogLine(std::string_view level, std::string_view event);

  LogLine& Add(std::string_view key, std::string_view value);
  LogLine& Add(std::string_view key, const char* value) {
    return Add(key, std::string_view(value));
  }
  LogLine& Add(std::string_view key, int64_t value);
  LogLine& Add(std::string_view key, uint64_t value);
  LogLine& Add(std::string_view key, int value) { return Add(key, static_cast<int64_t>(value)); }
  LogLine& Add(std::string_view key, double value);
  LogLine& Add(std::string_view key, bool value);

  // The line, newline included.
  std::string Text() const { return text_ + "}\n"; }

 private:
  void Key(std::string_view key);

  std::string text_;  // without the closing brace
};

class EventLog {
 public:
  // Writes to `fd`, by default stderr; not owned.
  explicit EventLog(int fd = 2) : fd_(fd) {}

  void Write(const LogLine& line) const;

 private:
  const int fd_;
};

}  // namespace rasoat
