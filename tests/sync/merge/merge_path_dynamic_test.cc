// ApplyAtPath and ValueAtPath on a record type the household lacks so far: a map, a list keyed
// by an integer, a oneof and a repeated scalar, each read, set, cleared and refused; and the
// conflicts a merge of such records reports, each resolving at its path.
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "rasoat/v1/options.pb.h"
#include "sync/merge/merge.h"
#include "sync/merge/merge_path.h"
#include "tests/support/status_matchers.h"
#include "tests/sync/merge/merge_checks.h"

namespace rasoat {
namespace {

using ::google::protobuf::Message;
using ::rasoat::testing::At;
using ::rasoat::testing::ExpectConflictsResolve;
using ::rasoat::testing::kAbsent;
using ::rasoat::testing::StatusIs;
using ::testing::HasSubstr;

using Value = ::rasoat::testing::PathValue;

// A record type the household lacks so far: a map keyed by string, a list keyed by an integer,
// a oneof and a repeated scalar. Built at run time, so that this test needs no proto file.
constexpr char kDynamicFile[] = R"pb(
  name: "merge_path_test.proto"
  package: "rasoat.pathtest"
  dependency: "rasoat/v1/options.proto"
  syntax: "proto3"
  message_type {
    name: "Plot"
    field {
      name: "plot_number"
      number: 1
      label: LABEL_OPTIONAL
      type: TYPE_INT32
      options {
        [rasoat.v1.identity]: true
      }
    }
    field { name: "crop" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING }
  }
  message_type {
    name: "Record"
    field {
      name: "plots"
      number: 1
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".rasoat.pathtest.Plot"
    }
    field {
      name: "tags"
      number: 2
      label: LABEL_REPEATED
      type: TYPE_MESSAGE
      type_name: ".rasoat.pathtest.Record.TagsEntry"
    }
    field { name: "nicknames" number: 3 label: LABEL_REPEATED type: TYPE_STRING }
    field { name: "phone" number: 4 label: LABEL_OPTIONAL type: TYPE_STRING oneof_index: 0 }
    field { name: "email" number: 5 label: LABEL_OPTIONAL type: TYPE_STRING oneof_index: 0 }
    nested_type {
      name: "TagsEntry"
      field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
      field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_STRING }
      options { map_entry: true }
    }
    oneof_decl { name: "contact" }
  }
)pb";

class MergePathDynamicTest : public ::testing::Test {
 protected:
  void SetUp() override {
    google::protobuf::FileDescriptorProto file;
    ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(kDynamicFile, &file));
    const google::protobuf::FileDescriptor* built = pool_.BuildFile(file);
    ASSERT_NE(built, nullptr);
    type_ = built->FindMessageTypeByName("Record");
    ASSERT_TRUE(type_->FindFieldByName("plots")
                    ->message_type()
                    ->FindFieldByName("plot_number")
                    ->options()
                    .GetExtension(v1::identity));
  }

  std::unique_ptr<Message> Make(const std::string& text) {
    std::unique_ptr<Message> record(factory_.GetPrototype(type_)->New());
    EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, record.get())) << text;
    return record;
  }

  google::protobuf::DescriptorPool pool_{google::protobuf::DescriptorPool::generated_pool()};
  google::protobuf::DynamicMessageFactory factory_{&pool_};
  const google::protobuf::Descriptor* type_ = nullptr;
};

TEST_F(MergePathDynamicTest, OneofIsOneValue) {
  std::unique_ptr<Message> record = Make("");
  EXPECT_EQ(At(*record, "contact"), kAbsent);
  ASSERT_OK(ApplyAtPath(record.get(), "contact", true, R"(phone: "0912 345 678")"));
  EXPECT_EQ(At(*record, "contact"), Value(true, R"(phone: "0912 345 678")"));
  EXPECT_EQ(At(*record, "phone"), Value(true, R"("0912 345 678")"));
  ASSERT_OK(ApplyAtPath(record.get(), "contact", true, R"(email: "an@xa.vn")"));
  EXPECT_EQ(At(*record, "contact"), Value(true, R"(email: "an@xa.vn")"));
  EXPECT_EQ(At(*record, "phone"), kAbsent);

  const auto error = [](const std::string& message) {
    return StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(message));
  };
  EXPECT_THAT(ApplyAtPath(record.get(), "contact", true, R"(phone: "1" email: "2")"),
              error("one of phone, email"));
  EXPECT_THAT(ApplyAtPath(record.get(), "contact", true, R"(nicknames: "Út")"),
              error("not nicknames"));
  EXPECT_THAT(ApplyAtPath(record.get(), "contact", true, ""), error("clear it instead"));
  EXPECT_THAT(ApplyAtPath(record.get(), "contact.phone", true, R"("1")"),
              error("contact is a oneof"));
  EXPECT_THAT(ApplyAtPath(record.get(), "contact[1]", true, R"("1")"), error("no identity"));
  EXPECT_EQ(At(*record, "contact"), Value(true, R"(email: "an@xa.vn")"));

  ASSERT_OK(ApplyAtPath(record.get(), "contact", false, ""));
  EXPECT_EQ(At(*record, "contact"), kAbsent);
}

TEST_F(MergePathDynamicTest, RepeatedScalarIsOneValue) {
  std::unique_ptr<Message> record = Make(R"(nicknames: "Út")");
  EXPECT_EQ(At(*record, "nicknames"), Value(true, R"(nicknames: "Út")"));
  ASSERT_OK(ApplyAtPath(record.get(), "nicknames", true, R"(nicknames: "Bé" nicknames: "Tí")"));
  EXPECT_EQ(At(*record, "nicknames"), Value(true, R"(nicknames: "Bé" nicknames: "Tí")"));
  EXPECT_THAT(ApplyAtPath(record.get(), "nicknames.x", true, "1"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("without identity")));
  ASSERT_OK(ApplyAtPath(record.get(), "nicknames", false, ""));
  EXPECT_EQ(At(*record, "nicknames"), kAbsent);
}

TEST_F(MergePathDynamicTest, MapEntriesAndIntegerIdsAreElements) {
  std::unique_ptr<Message> record =
      Make(R"(tags { key: "màu" value: "đỏ" } plots { plot_number: 7 crop: "lúa" })");
  EXPECT_EQ(At(*record, "tags[màu]"), Value(true, R"(key: "màu" value: "đỏ")"));
  EXPECT_EQ(At(*record, "tags[màu].value"), Value(true, R"("đỏ")"));
  EXPECT_EQ(At(*record, "plots[7].crop"), Value(true, R"("lúa")"));

  ASSERT_OK(ApplyAtPath(record.get(), "tags[màu].value", true, R"("xanh")"));
  ASSERT_OK(ApplyAtPath(record.get(), "tags[]", true, R"(value: "no key")"));  // A map may.
  ASSERT_OK(ApplyAtPath(record.get(), "plots[8]", true, R"(plot_number: 8 crop: "ngô")"));
  ASSERT_OK(ApplyAtPath(record.get(), "plots[7]", false, ""));
  EXPECT_EQ(At(*record, "tags[màu]"), Value(true, R"(key: "màu" value: "xanh")"));
  EXPECT_EQ(At(*record, "tags[]"), Value(true, R"(key: "" value: "no key")"));
  EXPECT_EQ(At(*record, "plots"), Value(true, R"(plots { plot_number: 8 crop: "ngô" })"));
  EXPECT_THAT(ApplyAtPath(record.get(), "plots[9]", true, "plot_number: 10"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr(R"(plot_number is "10", not the path's "9")")));
  EXPECT_THAT(ApplyAtPath(record.get(), "plots[x]", true, "plot_number: 1"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not the path's \"x\"")));
  ASSERT_OK(ApplyAtPath(record.get(), "tags[màu]", false, ""));
  EXPECT_EQ(At(*record, "tags[màu]"), kAbsent);
}

TEST_F(MergePathDynamicTest, ConflictsOnMapsOneofsAndRepeatedScalarsResolve) {
  const std::unique_ptr<Message> base =
      Make(R"(tags { key: "a" value: "1" } tags { key: "b" value: "1" } nicknames: "Út" )"
           R"(phone: "1" plots { plot_number: 7 crop: "lúa" })");
  const std::unique_ptr<Message> head =
      Make(R"(tags { key: "a" value: "2" } nicknames: "Bé" email: "x@y" )"
           R"(plots { plot_number: 7 crop: "ngô" } plots { plot_number: 9 crop: "mì" })");
  const std::unique_ptr<Message> incoming =
      Make(R"(tags { key: "b" value: "3" } nicknames: "Tí" nicknames: "Út" phone: "2" )"
           R"(plots { plot_number: 9 crop: "sắn" })");
  std::unique_ptr<Message> merged(base->New());
  ASSERT_OK_AND_ASSIGN(const MergeResult result,
                       ThreeWayMerge(*base, *head, *incoming, merged.get()));
  std::vector<std::string> paths;
  for (const MergeConflict& c : result.conflicts) paths.push_back(c.path);
  EXPECT_THAT(paths, ::testing::UnorderedElementsAre("tags[a]", "tags[b]", "nicknames", "contact",
                                                     "plots[7]", "plots[9].crop"));
  ExpectConflictsResolve(*base, *head, *incoming, *merged, result);
}

}  // namespace
}  // namespace rasoat
