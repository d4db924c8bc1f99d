#include "server/rasoatd/event_log.h"

#include <cerrno>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include <unistd.h>

namespace rasoat {
namespace {

// `value` as the inside of a JSON string: quotes, backslashes and control characters escaped;
// other bytes as they are (rasoatd's own text is UTF-8).
void AppendEscaped(std::string* out, std::string_view value) {
  for (const char c : value) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(out, "\\u%04x", static_cast<unsigned char>(c));
        } else {
          out->push_back(c);
        }
    }
  }
}

}  // namespace

LogLine::LogLine(std::string_view level, std::string_view event) {
  text_ = absl::StrCat("{\"ts\":\"",
                       absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::Now(), absl::UTCTimeZone()),
                       "\"");
  Add("level", level);
  Add("event", event);
}

void LogLine::Key(std::string_view key) {
  text_.append(",\"");
  AppendEscaped(&text_, key);
  text_.append("\":");
}

LogLine& LogLine::Add(std::string_view key, std::string_view value) {
  Key(key);
  text_.push_back('"');
  AppendEscaped(&text_, value);
  text_.push_back('"');
  return *this;
}

LogLine& LogLine::Add(std::string_view key, int64_t value) {
  Key(key);
  absl::StrAppend(&text_, value);
  return *this;
}

LogLine& LogLine::Add(std::string_view key, uint64_t value) {
  Key(key);
  absl::StrAppend(&text_, value);
  return *this;
}

LogLine& LogLine::Add(std::string_view key, double value) {
  Key(key);
  absl::StrAppendFormat(&text_, "%.3f", value);
  return *this;
}

LogLine& LogLine::Add(std::string_view key, bool value) {
  Key(key);
  text_.append(value ? "true" : "false");
  return *this;
}

void EventLog::Write(const LogLine& line) const {
  const std::string text = line.Text();
  // One write for the line; a short write (a full pipe) finishes it, a failure drops it.
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd_, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    written += static_cast<size_t>(n);
  }
}

}  // namespace rasoat
