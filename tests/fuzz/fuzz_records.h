// What the merge fuzz targets (merge_fuzz.cc, merge_path_fuzz.cc) ask of a record before they
// require that a value read from it can be written back: whether a push would accept its fields,
// and whether it holds fields this build does not know.
//
// Thread-safety: pure functions.
#pragma once

#include <memory>
#include <string>

#include <google/protobuf/message.h>

#include "sync/push/record_check.h"

namespace rasoat::fuzz {

// Whether CheckRecordFields finds nothing wrong with `record`, as a push requires.
inline bool PushAccepts(const google::protobuf::Message& record) {
  bool accepted = true;
  CheckRecordFields(record, 1, [&accepted](const std::string&, std::string) { accepted = false; });
  return accepted;
}

// Whether `record`, at any depth, holds fields of numbers its type does not declare, as a
// record from a tablet built with a newer household.proto does. The text format prints them by
// number (`99: 5`), which its parser refuses.
inline bool HasUnknownFields(const google::protobuf::Message& record) {
  std::unique_ptr<google::protobuf::Message> known(record.New());
  known->CopyFrom(record);
  known->DiscardUnknownFields();
  return known->ByteSizeLong() != record.ByteSizeLong();
}

}  // namespace rasoat::fuzz
