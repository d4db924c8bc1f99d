#include "sync/rules/text_proto.h"

#include <string>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace rasoat::rules {
namespace {

// Keeps the first parse error with its (1-based) position.
class FirstErrorCollector final : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    if (error_.empty()) {
      error_ = absl::StrCat(line + 1, ":", column + 1, ": ", message);
    }
  }
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

// Adds the reserved field names of `type` and of every message type below it to `names`.
void AddReservedNames(const google::protobuf::Descriptor* type,
                      absl::flat_hash_set<const google::protobuf::Descriptor*>* seen,
                      absl::flat_hash_set<std::string>* names) {
  if (!seen->insert(type).second) return;
  for (int i = 0; i < type->reserved_name_count(); ++i) names->insert(type->reserved_name(i));
  for (int i = 0; i < type->field_count(); ++i) {
    if (const google::protobuf::Descriptor* nested = type->field(i)->message_type();
        nested != nullptr) {
      AddReservedNames(nested, seen, names);
    }
  }
}

// TextFormat skips a field whose name is reserved without a word: a file that still sets a
// removed field would lose what it says. OK, or INVALID_ARGUMENT naming the first such field
// and where it is.
absl::Status RefuseReservedNames(const std::string& text, const std::string& source_name,
                                 const google::protobuf::Descriptor* type) {
  absl::flat_hash_set<const google::protobuf::Descriptor*> seen;
  absl::flat_hash_set<std::string> reserved;
  AddReservedNames(type, &seen, &reserved);
  if (reserved.empty()) return absl::OkStatus();
  google::protobuf::io::ArrayInputStream input(text.data(), static_cast<int>(text.size()));
  FirstErrorCollector ignored;  // ParseFromString reports malformed text
  google::protobuf::io::Tokenizer tokenizer(&input, &ignored);
  tokenizer.set_comment_style(google::protobuf::io::Tokenizer::SH_COMMENT_STYLE);
  google::protobuf::io::Tokenizer::Token previous;
  while (tokenizer.Next()) {
    const google::protobuf::io::Tokenizer::Token& token = tokenizer.current();
    const bool opens_a_field = token.text == ":" || token.text == "{" || token.text == "<";
    if (opens_a_field && previous.type == google::protobuf::io::Tokenizer::TYPE_IDENTIFIER &&
        reserved.contains(previous.text)) {
      return absl::InvalidArgumentError(absl::StrCat(
          source_name, ":", previous.line + 1, ":", previous.column + 1, ": ", previous.text,
          " is no longer a field of ", type->full_name(), " (see CHANGELOG.md)"));
    }
    previous = token;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ParseTextProto(const std::string& text, const std::string& source_name,
                            google::protobuf::Message* message) {
  message->Clear();
  FirstErrorCollector errors;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text, message)) {
    return absl::InvalidArgumentError(absl::StrCat(source_name, ":", errors.error()));
  }
  if (absl::Status reserved = RefuseReservedNames(text, source_name, message->GetDescriptor());
      !reserved.ok()) {
    message->Clear();
    return reserved;
  }
  return absl::OkStatus();
}

}  // namespace rasoat::rules
