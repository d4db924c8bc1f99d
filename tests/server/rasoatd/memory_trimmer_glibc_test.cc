// ReturnFreeMemory against glibc's allocator itself: pages a thread's arena keeps after its
// blocks are freed leave the process's resident memory.
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "server/rasoatd/memory_trimmer.h"
#include <unistd.h>

namespace rasoat {
namespace {

// Called through volatile pointers so that the compiler keeps every allocation under test.
void* (*volatile allocate)(size_t) = std::malloc;
void (*volatile release)(void*) = std::free;

// Resident bytes of this process, from /proc/self/statm.
size_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0;
  size_t resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

TEST(ReturnFreeMemoryTest, GivesFreedPagesOfAnArenaBack) {
  constexpr size_t kBlock = 4000;  // far below the mmap threshold: from the arena's heap
  constexpr size_t kBlocks = 16'000;
  size_t before_trim = 0;
  size_t after_trim = 0;
  // On a thread of its own, whose blocks come from an arena other than the main one.
  std::thread([&] {
    std::vector<char*> blocks;
    blocks.reserve(kBlocks);
    for (size_t i = 0; i < kBlocks; ++i) {
      blocks.push_back(static_cast<char*>(allocate(kBlock)));
      std::memset(blocks.back(), 1, kBlock);
    }
    // The last block stays: it keeps the freed ones from sitting at the top of the heap, where
    // free itself would give them back.
    for (size_t i = 0; i + 1 < kBlocks; ++i) release(blocks[i]);
    before_trim = ResidentBytes();
    ReturnFreeMemory();
    after_trim = ResidentBytes();
    release(blocks.back());
  }).join();
  // 64 MB were freed; at least 48 MB of it must have left.
  EXPECT_GE(before_trim, after_trim + (48u << 20))
      << "resident before " << before_trim << ", after " << after_trim;
}

}  // namespace
}  // namespace rasoat
