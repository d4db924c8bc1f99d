// ApplyAtPath and ValueAtPath: every kind of path on a household, on a record type with a map, a
// oneof and a repeated scalar, the errors, and the property resolution rests on: applying a
// conflict's side at its path makes the record read back exactly that side's value there.
#include "sync/merge/merge_path.h"

#include <cstdint>
#include <iterator>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/field_comparator.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/options.pb.h"
#include "sync/merge/merge.h"
#include "tests/support/households.h"
#include "tests/support/status_matchers.h"

namespace rasoat {
namespace {

using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;
using ::google::protobuf::util::MessageDifferencer;
using ::rasoat::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using Rng = std::mt19937_64;

using Value = std::pair<bool, std::string>;

const Value kAbsent = {false, ""};

// The value at `path`, or a failure and kAbsent.
Value At(const Message& record, const std::string& path) {
  absl::StatusOr<Value> value = ValueAtPath(record, path);
  if (!value.ok()) {
    ADD_FAILURE() << "ValueAtPath(" << path << "): " << value.status();
    return kAbsent;
  }
  return *std::move(value);
}

std::vector<std::string> MemberIds(const v1::Household& household) {
  std::vector<std::string> ids;
  for (const v1::Member& member : household.members()) ids.push_back(member.member_id());
  return ids;
}

// Members m1, m2 and m3 at least (MakeHousehold makes 3 to 6), incomes i1 and i2.
v1::Household Record() { return testing::MakeHousehold(7); }

TEST(MergePathTest, SetsAndClearsAScalarWithoutPresence) {
  v1::Household record = Record();
  ASSERT_OK(ApplyAtPath(&record, "head_member_id", true, R"("m2")"));
  EXPECT_EQ(record.head_member_id(), "m2");
  EXPECT_EQ(At(record, "head_member_id"), Value(true, R"("m2")"));

  ASSERT_OK(ApplyAtPath(&record, "surveyed_at_unix", true, "1788000123"));
  EXPECT_EQ(record.surveyed_at_unix(), 1788000123);
  EXPECT_EQ(At(record, "surveyed_at_unix"), Value(true, "1788000123"));

  // No presence: cleared is the default, which is a value.
  ASSERT_OK(ApplyAtPath(&record, "surveyed_at_unix", false, ""));
  EXPECT_EQ(record.surveyed_at_unix(), 0);
  EXPECT_EQ(At(record, "surveyed_at_unix"), Value(true, "0"));
  ASSERT_OK(ApplyAtPath(&record, "head_member_id", false, ""));
  EXPECT_EQ(At(record, "head_member_id"), Value(true, R"("")"));
}

TEST(MergePathTest, OptionalBoolKeepsNotAskedApartFromNo) {
  v1::Household record = Record();
  ASSERT_FALSE(record.has_agricultural_household());
  EXPECT_EQ(At(record, "agricultural_household"), kAbsent);

  ASSERT_OK(ApplyAtPath(&record, "agricultural_household", true, "false"));
  EXPECT_TRUE(record.has_agricultural_household());
  EXPECT_FALSE(record.agricultural_household());
  EXPECT_EQ(At(record, "agricultural_household"), Value(true, "false"));

  ASSERT_OK(ApplyAtPath(&record, "agricultural_household", true, "true"));
  EXPECT_EQ(At(record, "agricultural_household"), Value(true, "true"));

  ASSERT_OK(ApplyAtPath(&record, "agricultural_household", false, ""));
  EXPECT_FALSE(record.has_agricultural_household());
  EXPECT_EQ(At(record, "agricultural_household"), kAbsent);

  // Inside an element.
  ASSERT_OK(ApplyAtPath(&record, "members[m2].has_disability", true, "true"));
  EXPECT_TRUE(record.members(1).has_disability());
  ASSERT_OK(ApplyAtPath(&record, "members[m2].has_disability", false, ""));
  EXPECT_FALSE(record.members(1).has_has_disability());
  EXPECT_EQ(At(record, "members[m2].has_disability"), kAbsent);
}

TEST(MergePathTest, EnumsByName) {
  v1::Household record = Record();
  ASSERT_OK(ApplyAtPath(&record, "members[m2].sex", true, "SEX_FEMALE"));
  EXPECT_EQ(record.members(1).sex(), v1::SEX_FEMALE);
  EXPECT_EQ(At(record, "members[m2].sex"), Value(true, "SEX_FEMALE"));
  ASSERT_OK(ApplyAtPath(&record, "location.area", true, "AREA_URBAN"));
  EXPECT_EQ(record.location().area(), v1::AREA_URBAN);

  // A number from a release ahead survives, as the merge keeps it.
  ASSERT_OK(ApplyAtPath(&record, "members[m2].sex", true, "7"));
  EXPECT_EQ(record.members(1).sex(), 7);
  EXPECT_EQ(At(record, "members[m2].sex"), Value(true, "7"));
}

TEST(MergePathTest, NestedFieldsAndWholeSubMessages) {
  v1::Household record = Record();
  ASSERT_OK(ApplyAtPath(&record, "housing.floor_area_m2", true, "42.5"));
  EXPECT_EQ(record.housing().floor_area_m2(), 42.5);
  EXPECT_EQ(At(record, "housing.floor_area_m2"), Value(true, "42.5"));

  // Replaced wholly: fields the text leaves out are cleared.
  ASSERT_OK(ApplyAtPath(&record, "housing", true, "floor_area_m2: 30 latrine: LATRINE_FLUSH"));
  EXPECT_FALSE(record.housing().has_durable_walls());
  EXPECT_EQ(record.housing().latrine(), v1::LATRINE_FLUSH);
  EXPECT_EQ(At(record, "housing"), Value(true, "floor_area_m2: 30 latrine: LATRINE_FLUSH"));

  ASSERT_OK(ApplyAtPath(&record, "housing", false, ""));
  EXPECT_FALSE(record.has_housing());
  EXPECT_EQ(At(record, "housing"), kAbsent);
  // Below an absent sub-message everything is absent, and clearing there changes nothing.
  EXPECT_EQ(At(record, "housing.floor_area_m2"), kAbsent);
  ASSERT_OK(ApplyAtPath(&record, "housing.floor_area_m2", false, ""));
  EXPECT_FALSE(record.has_housing());
  // Setting there creates it.
  ASSERT_OK(ApplyAtPath(&record, "housing.durable_roof", true, "true"));
  EXPECT_EQ(At(record, "housing"), Value(true, "durable_roof: true"));

  // Present and empty is not absent.
  ASSERT_OK(ApplyAtPath(&record, "information", true, ""));
  EXPECT_TRUE(record.has_information());
  EXPECT_EQ(At(record, "information"), Value(true, ""));
}

TEST(MergePathTest, VietnameseTextInMemberFields) {
  v1::Household record = Record();
  ASSERT_OK(ApplyAtPath(&record, "members[m2].full_name", true, R"("Trần Thị Bình")"));
  EXPECT_EQ(record.members(1).full_name(), "Trần Thị Bình");
  EXPECT_EQ(At(record, "members[m2].full_name"), Value(true, R"("Trần Thị Bình")"));

  // Escaped bytes are accepted too; they read back unescaped.
  ASSERT_OK(ApplyAtPath(&record, "members[m2].full_name", true, R"("Tr\341\272\247n")"));
  EXPECT_EQ(record.members(1).full_name(), "Trần");
  EXPECT_EQ(At(record, "members[m2].full_name"), Value(true, R"("Trần")"));

  ASSERT_OK(ApplyAtPath(&record, "location.address", true, R"("Số 5, \"Bản\" Phố\nthôn 1")"));
  EXPECT_EQ(record.location().address(), "Số 5, \"Bản\" Phố\nthôn 1");
  EXPECT_EQ(At(record, "location.address"), Value(true, R"("Số 5, \"Bản\" Phố\nthôn 1")"));

  EXPECT_THAT(ApplyAtPath(&record, "members[m2].full_name", true, R"("Tr\377n")"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("members[m2].full_name"), HasSubstr("UTF-8"))));
  EXPECT_EQ(record.members(1).full_name(), "Trần");
}

TEST(MergePathTest, WholeElementsReplacedAddedAndRemoved) {
  v1::Household record = Record();
  const std::vector<std::string> ids = MemberIds(record);

  ASSERT_OK(
      ApplyAtPath(&record, "members[m3]", true, R"(member_id: "m3" full_name: "Đỗ Văn Cường")"));
  EXPECT_EQ(MemberIds(record), ids);  // In place.
  EXPECT_EQ(record.members(2).full_name(), "Đỗ Văn Cường");
  EXPECT_FALSE(record.members(2).has_birth_date());
  EXPECT_EQ(At(record, "members[m3]"), Value(true, R"(member_id: "m3" full_name: "Đỗ Văn Cường")"));

  ASSERT_OK(ApplyAtPath(&record, "members[m9]", true,
                        R"(member_id: "m9" full_name: "Hồ Thị Lan" sex: SEX_FEMALE)"));
  EXPECT_EQ(record.members_size(), static_cast<int>(ids.size()) + 1);
  EXPECT_EQ(record.members().rbegin()->member_id(), "m9");
  EXPECT_EQ(At(record, "members[m9].full_name"), Value(true, R"("Hồ Thị Lan")"));

  ASSERT_OK(ApplyAtPath(&record, "members[m2]", false, ""));
  std::vector<std::string> expected = ids;
  expected.erase(expected.begin() + 1);
  expected.push_back("m9");
  EXPECT_EQ(MemberIds(record), expected);  // The others keep their order.
  EXPECT_EQ(At(record, "members[m2]"), kAbsent);
  EXPECT_EQ(At(record, "members[m2].full_name"), kAbsent);
  // Removing what is gone, or clearing below it, changes nothing.
  ASSERT_OK(ApplyAtPath(&record, "members[m2]", false, ""));
  ASSERT_OK(ApplyAtPath(&record, "members[m2].full_name", false, ""));
  EXPECT_EQ(MemberIds(record), expected);

  ASSERT_OK(
      ApplyAtPath(&record, "incomes[i1]", true,
                  R"(income_id: "i1" source: INCOME_SOURCE_FISHERY annual_amount_vnd: 12000000)"));
  EXPECT_EQ(record.incomes(0).source(), v1::INCOME_SOURCE_FISHERY);
  EXPECT_EQ(At(record, "incomes[i1].annual_amount_vnd"), Value(true, "12000000"));
  ASSERT_OK(ApplyAtPath(&record, "incomes[i1]", false, ""));
  ASSERT_EQ(record.incomes_size(), 1);
  EXPECT_EQ(record.incomes(0).income_id(), "i2");
}

TEST(MergePathTest, FieldsOfAMissingElementAreAbsentAndCannotBeSet) {
  v1::Household record = Record();
  const v1::Household before = record;
  EXPECT_EQ(At(record, "score_answers[q07].answer_code"), kAbsent);
  EXPECT_THAT(ApplyAtPath(&record, "score_answers[q07].answer_code", true, R"("B")"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("score_answers[q07].answer_code"),
                             HasSubstr("no element q07 in score_answers"))));
  EXPECT_THAT(ApplyAtPath(&record, "members[m9].full_name", true, R"("An")"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no element m9 in members")));
  EXPECT_TRUE(MessageDifferencer::Equals(record, before));

  ASSERT_OK(
      ApplyAtPath(&record, "score_answers[q07]", true, R"(question_code: "q07" answer_code: "A")"));
  ASSERT_OK(ApplyAtPath(&record, "score_answers[q07].answer_code", true, R"("B")"));
  EXPECT_EQ(At(record, "score_answers[q07]"),
            Value(true, R"(question_code: "q07" answer_code: "B")"));
}

TEST(MergePathTest, AWholeListWithoutBracketsIsOneValue) {
  v1::Household record = Record();
  ASSERT_OK(ApplyAtPath(&record, "score_answers", true,
                        R"(score_answers { question_code: "q01" answer_code: "A" } )"
                        R"(score_answers { question_code: "q02" })"));
  EXPECT_EQ(At(record, "score_answers"),
            Value(true, R"(score_answers { question_code: "q01" answer_code: "A" } )"
                        R"(score_answers { question_code: "q02" })"));
  EXPECT_THAT(ApplyAtPath(&record, "score_answers", true,
                          R"(score_answers { question_code: "q01" } )"
                          R"(score_answers { question_code: "q01" })"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("score_answers[q01]")));
  ASSERT_OK(ApplyAtPath(&record, "score_answers", false, ""));
  EXPECT_EQ(At(record, "score_answers"), kAbsent);
}

TEST(MergePathTest, PathsThatDoNotFitTheRecord) {
  const v1::Household before = Record();
  struct Case {
    std::string path;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"nickname", "rasoat.v1.Household has no field nickname"},
      {"members[m2].nickname", "rasoat.v1.Member has no field nickname"},
      {"housing.area", "rasoat.v1.Housing has no field area"},
      {"", "empty"},
      {"members[m2", "malformed"},
      {"members[m2]x", "malformed"},
      {"housing..latrine", "malformed"},
      {".housing", "malformed"},
      {"housing.", "malformed"},
      {"housing latrine", "malformed"},
      {"members[]", "empty id"},
      {"housing[h1].latrine", "housing has no identity"},
      {"head_member_id[1]", "head_member_id has no identity"},
      {"members.full_name", "members is a list"},
      {"head_member_id.x", "head_member_id is not a message"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path);
    v1::Household record = before;
    const auto error = StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.message));
    EXPECT_THAT(ApplyAtPath(&record, c.path, true, "1"), error);
    EXPECT_THAT(ApplyAtPath(&record, c.path, false, ""), error);
    EXPECT_THAT(ValueAtPath(record, c.path), error);
    EXPECT_TRUE(MessageDifferencer::Equals(record, before));
    if (!c.path.empty()) {
      EXPECT_THAT(ValueAtPath(record, c.path),
                  StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.path)));
    }
  }
}

TEST(MergePathTest, ValuesThatDoNotParseSayWhatWasExpected) {
  const v1::Household before = Record();
  struct Case {
    std::string path;
    std::string value;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"housing.floor_area_m2", "big", "expected a number"},
      {"agricultural_household", "maybe", "expected true or false"},
      {"surveyed_at_unix", R"("soon")", "expected an integer (int64)"},
      {"surveyed_at_unix", "42 43", "expected an integer"},
      {"surveyed_at_unix", "", "expected an integer"},
      {"members[m2].sex", "SEX_ROBOT", "expected one of SEX_UNSPECIFIED, SEX_MALE, SEX_FEMALE"},
      {"members[m2].full_name", "Trần", "expected a quoted UTF-8 string"},
      {"members[m2].birth_date.year", "1.5", "expected an integer (int32)"},
      {"housing", "roof: true", "expected a rasoat.v1.Housing in text format"},
      {"members[m3]", R"(member_id: "m3" full_name: 3)", "expected a rasoat.v1.Member"},
      {"members[m3]", R"(member_id: "m4")", R"(member_id is "m4", not the path's "m3")"},
      {"members[m9]", R"(full_name: "An")", R"(member_id is "", not the path's "m9")"},
      {"score_answers", R"(head_member_id: "m1")", "not head_member_id"},
      {"score_answers", "", "clear it instead"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(absl::StrCat(c.path, " = ", c.value));
    v1::Household record = before;
    EXPECT_THAT(ApplyAtPath(&record, c.path, true, c.value),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr(c.path), HasSubstr(c.message))));
    EXPECT_TRUE(MessageDifferencer::Equals(record, before));
  }
}

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

// Whether `a` and `b` are equal, NaN equal to NaN (the merge sees an unchanged NaN as no edit).
bool SameRecord(const Message& a, const Message& b, std::string* differences) {
  google::protobuf::util::DefaultFieldComparator comparator;
  comparator.set_treat_nan_as_equal(true);
  MessageDifferencer differencer;
  differencer.set_field_comparator(&comparator);
  differencer.ReportDifferencesToString(differences);
  return differencer.Compare(a, b);
}

// Checks that `record` reads `present`/`value` at `path`.
void ExpectValueAt(const Message& record, const std::string& path, bool present,
                   const std::string& value, const std::string& which) {
  EXPECT_THAT(At(record, path), Pair(present, value)) << which << " at " << path;
}

// What a reviewer does with `result`'s conflicts, checked: taking either side at a path reads
// back as that side, taking head's (which the merge kept) changes nothing, and once every
// conflict takes incoming's side, merging the result with incoming again conflicts nowhere.
// Returns the number of conflicts.
int ExpectConflictsResolve(const Message& base, const Message& head, const Message& incoming,
                           const Message& merged, const MergeResult& result) {
  for (const MergeConflict& c : result.conflicts) {
    ExpectValueAt(base, c.path, c.base_present, c.base_value, "base");
    ExpectValueAt(head, c.path, c.head_present, c.head_value, "head");
    ExpectValueAt(incoming, c.path, c.incoming_present, c.incoming_value, "incoming");
    ExpectValueAt(merged, c.path, c.head_present, c.head_value, "merged");

    std::unique_ptr<Message> take_incoming(merged.New());
    take_incoming->CopyFrom(merged);
    EXPECT_OK(ApplyAtPath(take_incoming.get(), c.path, c.incoming_present, c.incoming_value))
        << c.path;
    ExpectValueAt(*take_incoming, c.path, c.incoming_present, c.incoming_value,
                  "after taking incoming");

    std::unique_ptr<Message> take_head(merged.New());
    take_head->CopyFrom(merged);
    EXPECT_OK(ApplyAtPath(take_head.get(), c.path, c.head_present, c.head_value)) << c.path;
    ExpectValueAt(*take_head, c.path, c.head_present, c.head_value, "after taking head");
    std::string differences;
    EXPECT_TRUE(SameRecord(*take_head, merged, &differences))
        << "taking head at " << c.path << " changed " << differences;
  }

  std::unique_ptr<Message> resolved(merged.New());
  resolved->CopyFrom(merged);
  for (const MergeConflict& c : result.conflicts) {
    EXPECT_OK(ApplyAtPath(resolved.get(), c.path, c.incoming_present, c.incoming_value));
  }
  for (const MergeConflict& c : result.conflicts) {
    ExpectValueAt(*resolved, c.path, c.incoming_present, c.incoming_value, "resolved");
  }
  std::unique_ptr<Message> again(merged.New());
  absl::StatusOr<MergeResult> remerged = ThreeWayMerge(base, *resolved, incoming, again.get());
  EXPECT_OK(remerged);
  if (remerged.ok()) {
    EXPECT_THAT(remerged->conflicts, IsEmpty()) << "first: " << remerged->conflicts[0].path;
  }
  return static_cast<int>(result.conflicts.size());
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

// Random edits of a household by reflection, so that they reach every field. Two editors with
// one `shape` seed and different `value` seeds pick the same fields and elements, as long as
// their records agree there, and write different values into them: edits that conflict.
class Editor {
 public:
  Editor(uint64_t shape_seed, uint64_t value_seed) : shapes_(shape_seed), value_(value_seed) {}

  // One edit somewhere in `message`. Each edit draws its shape afresh, so that where the sides
  // differed in one edit (one cleared what the other went into), they still agree in the next.
  void Edit(Message* message) {
    shape_.seed(shapes_());
    EditIn(message);
  }

 private:
  void EditIn(Message* message) {
    const google::protobuf::Descriptor* descriptor = message->GetDescriptor();
    const Reflection* reflection = message->GetReflection();
    std::vector<const FieldDescriptor*> fields;
    for (int i = 0; i < descriptor->field_count(); ++i) {
      // Changing an id in place is a removal plus an addition; EditList makes those.
      if (!descriptor->field(i)->options().GetExtension(v1::identity)) {
        fields.push_back(descriptor->field(i));
      }
    }
    // Lists a third of the time, as members are most of what collaborators edit.
    std::vector<const FieldDescriptor*> lists;
    for (const FieldDescriptor* field : fields) {
      if (IdFieldOf(field) != nullptr) lists.push_back(field);
    }
    if (!lists.empty() && shape_() % 3 == 0) fields = lists;
    const FieldDescriptor* field = fields[shape_() % fields.size()];
    if (const FieldDescriptor* id_field = IdFieldOf(field)) {
      EditList(message, field, id_field);
    } else if (field->is_repeated()) {
      reflection->ClearField(message, field);
    } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      if (value_() % 6 == 0) {
        reflection->ClearField(message, field);
      } else {
        EditIn(reflection->MutableMessage(message, field));
      }
    } else if (field->has_presence() && value_() % 4 == 0) {
      reflection->ClearField(message, field);
    } else {
      SetRandomValue(message, field);
    }
  }

  static const FieldDescriptor* IdFieldOf(const FieldDescriptor* field) {
    if (!field->is_repeated() || field->message_type() == nullptr) return nullptr;
    for (int i = 0; i < field->message_type()->field_count(); ++i) {
      const FieldDescriptor* candidate = field->message_type()->field(i);
      if (candidate->options().GetExtension(v1::identity)) return candidate;
    }
    return nullptr;
  }

  // Adds, removes or edits an element of `field`; removes on one side where the other edits.
  void EditList(Message* message, const FieldDescriptor* field, const FieldDescriptor* id_field) {
    const Reflection* reflection = message->GetReflection();
    const int size = reflection->FieldSize(*message, field);
    const int choice = size == 0 ? 0 : static_cast<int>(shape_() % 4);
    if (choice == 0) {
      // Mostly an id both sides make, so that both add it; sometimes one of this side's own.
      std::string id = absl::StrCat("n", next_id_++);
      if (value_() % 3 == 0) id = absl::StrCat("v", value_() % 50);
      for (int i = 0; i < size; ++i) {
        const Message& element = reflection->GetRepeatedMessage(*message, field, i);
        if (element.GetReflection()->GetString(element, id_field) == id) {
          return EditIn(reflection->MutableRepeatedMessage(message, field, i));
        }
      }
      Message* element = reflection->AddMessage(message, field);
      element->GetReflection()->SetString(element, id_field, id);
      for (int i = static_cast<int>(shape_() % 4); i > 0; --i) EditIn(element);
      return;
    }
    const int index = static_cast<int>(shape_() % size);
    if (choice == 1 && value_() % 2 == 0) {
      for (int i = index; i + 1 < size; ++i) reflection->SwapElements(message, field, i, i + 1);
      reflection->RemoveLast(message, field);
      return;
    }
    EditIn(reflection->MutableRepeatedMessage(message, field, index));
  }

  void SetRandomValue(Message* message, const FieldDescriptor* field) {
    // Few values, so that both sides sometimes pick the same one; some that test the text.
    static constexpr const char* kStrings[] = {
        "",  "Nguyễn Văn An", "Trần Thị Bình", R"(Lê "Út")", R"(back\slash)", "dòng\nmới", "27",
        "x", "\t\x01",        "Đặng Thị Hoa"};
    const Reflection* reflection = message->GetReflection();
    const auto pick = [this](const auto& values) { return values[value_() % std::size(values)]; };
    switch (field->cpp_type()) {
      case FieldDescriptor::CPPTYPE_INT32: {
        static constexpr int32_t kValues[] = {0,
                                              1,
                                              -1,
                                              2026,
                                              std::numeric_limits<int32_t>::max(),
                                              std::numeric_limits<int32_t>::min()};
        return reflection->SetInt32(message, field, pick(kValues));
      }
      case FieldDescriptor::CPPTYPE_INT64: {
        static constexpr int64_t kValues[] = {0,
                                              5'000'000,
                                              -1,
                                              1'788'000'000,
                                              std::numeric_limits<int64_t>::max(),
                                              std::numeric_limits<int64_t>::min()};
        return reflection->SetInt64(message, field, pick(kValues));
      }
      case FieldDescriptor::CPPTYPE_UINT32:
        return reflection->SetUInt32(message, field, static_cast<uint32_t>(value_()));
      case FieldDescriptor::CPPTYPE_UINT64:
        return reflection->SetUInt64(message, field, value_());
      case FieldDescriptor::CPPTYPE_DOUBLE: {
        static constexpr double kValues[] = {0.0,
                                             -0.0,
                                             20.5,
                                             0.1,
                                             1.0 / 3,
                                             1e-7,
                                             1e300,
                                             std::numeric_limits<double>::infinity(),
                                             std::numeric_limits<double>::quiet_NaN()};
        return reflection->SetDouble(message, field, pick(kValues));
      }
      case FieldDescriptor::CPPTYPE_FLOAT: {
        static constexpr float kValues[] = {0.0f, 0.1f, 1.0f / 3, -2.5f};
        return reflection->SetFloat(message, field, pick(kValues));
      }
      case FieldDescriptor::CPPTYPE_BOOL:
        return reflection->SetBool(message, field, value_() % 2 == 0);
      case FieldDescriptor::CPPTYPE_ENUM: {
        const google::protobuf::EnumDescriptor* type = field->enum_type();
        // Now and then a number from a release ahead.
        const int number = value_() % 8 == 0
                               ? 40 + static_cast<int>(value_() % 3)
                               : type->value(value_() % type->value_count())->number();
        return reflection->SetEnumValue(message, field, number);
      }
      case FieldDescriptor::CPPTYPE_STRING:
        return reflection->SetString(message, field, pick(kStrings));
      case FieldDescriptor::CPPTYPE_MESSAGE:
        break;
    }
    FAIL() << "not a scalar: " << field->full_name();
  }

  Rng shapes_;  // Seeds shape_ for each edit.
  Rng shape_;
  Rng value_;
  int next_id_ = 0;
};

TEST(MergePathPropertyTest, TakingEitherSideOfAConflictReadsBackAsThatSide) {
  constexpr uint64_t kFirstSeed = 30260001;
  constexpr int kCases = 600;
  int conflicts = 0;
  int element_conflicts = 0;
  int absent_sides = 0;
  for (int i = 0; i < kCases; ++i) {
    const uint64_t seed = kFirstSeed + i;
    SCOPED_TRACE(absl::StrCat("seed ", seed));
    const v1::Household base = testing::MakeHousehold(seed);
    v1::Household head = base;
    v1::Household incoming = base;
    Editor head_editor(seed, seed * 2);
    Editor incoming_editor(seed, seed * 2 + 1);
    for (int n = 1 + static_cast<int>(seed % 5); n > 0; --n) {
      head_editor.Edit(&head);
      incoming_editor.Edit(&incoming);
    }
    v1::Household merged;
    ASSERT_OK_AND_ASSIGN(const MergeResult result, ThreeWayMerge(base, head, incoming, &merged));
    conflicts += ExpectConflictsResolve(base, head, incoming, merged, result);
    for (const MergeConflict& c : result.conflicts) {
      element_conflicts += absl::EndsWith(c.path, "]");
      absent_sides += !c.head_present || !c.incoming_present;
    }
    if (::testing::Test::HasFailure()) break;  // One seed's failures are enough to read.
  }
  // The edits are meant to collide: check they did, in every way.
  EXPECT_GT(conflicts, kCases);
  EXPECT_GT(element_conflicts, 20);
  EXPECT_GT(absent_sides, 20);
}

}  // namespace
}  // namespace rasoat
