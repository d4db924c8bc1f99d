// WriteHealth: each change of writability reaches the listener once, in order, and a listener
// set late learns of a change it missed.
#include "sync/store/write_health.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace rasoat {
namespace {

using ::testing::ElementsAre;

struct Heard {
  std::vector<std::string> changes;
  WriteHealth::Listener listener() {
    return [this](bool writable, std::string_view reason) {
      changes.push_back(std::string(writable ? "writable: " : "unwritable: ") +
                        std::string(reason));
    };
  }
};

TEST(WriteHealthTest, EachChangeIsHeardOnceWhateverTheNumberOfWrites) {
  WriteHealth health;
  Heard heard;
  health.SetListener(heard.listener());
  health.WriteSucceeded();
  health.WriteFailed("No space left on device");
  health.WriteFailed("No space left on device");
  EXPECT_FALSE(health.writable());
  health.WriteSucceeded();
  health.WriteSucceeded();
  health.Recovered("RocksDB recovered");
  EXPECT_TRUE(health.writable());
  EXPECT_THAT(heard.changes,
              ElementsAre("unwritable: No space left on device", "writable: a write succeeded"));
}

TEST(WriteHealthTest, RocksDbsRecoveryMakesItWritableWithoutAWrite) {
  WriteHealth health;
  Heard heard;
  health.SetListener(heard.listener());
  health.WriteFailed("flush: No space left on device");
  health.Recovered("RocksDB recovered");
  EXPECT_THAT(heard.changes, ElementsAre("unwritable: flush: No space left on device",
                                         "writable: RocksDB recovered"));
}

TEST(WriteHealthTest, AListenerSetAfterAFailureHearsOfItAtOnce) {
  WriteHealth health;
  health.WriteFailed("No space left on device");
  Heard heard;
  health.SetListener(heard.listener());
  EXPECT_THAT(heard.changes, ElementsAre("unwritable: the store could not write before this"));
}

TEST(WriteHealthTest, AListenerSetWhileWritableHearsNothingUntilAChange) {
  WriteHealth health;
  Heard heard;
  health.SetListener(heard.listener());
  EXPECT_TRUE(heard.changes.empty());
}

}  // namespace
}  // namespace rasoat
