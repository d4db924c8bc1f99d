#include "tests/bench/rocksdb_baseline.h"

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"
#include "tablet/household_generator.h"
#include "tests/bench/timed_run.h"

namespace rasoat::bench {
namespace {

// What one writer thread keeps: its records and its next batch.
struct WriterState {
  std::vector<std::string> values;
  rocksdb::WriteBatch write;
  uint64_t n = 0;
};

}  // namespace

absl::StatusOr<PushFigures> RunRocksDbWrites(const std::string& dir, int tablets, int batch,
                                             double seconds) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  const rocksdb::Status opened = rocksdb::DB::Open(options, dir, &raw);
  if (!opened.ok()) return absl::UnavailableError(opened.ToString());
  std::unique_ptr<rocksdb::DB> db(raw);

  rocksdb::WriteOptions sync;
  sync.sync = true;
  std::vector<WriterState> writers(tablets);
  TimedWork work;
  work.set_up = [&](int t) {
    tablet::HouseholdGenerator generator(t);
    for (int i = 0; i < 64; ++i) {
      writers[t].values.push_back(
          generator.Make("29999", absl::StrCat("t", t)).SerializeAsString());
    }
  };
  work.prepare = [&](int t) {
    WriterState& state = writers[t];
    state.write.Clear();
    for (int b = 0; b < batch; ++b, ++state.n) {
      state.write.Put(absl::StrCat("2026/t", t, "/", state.n),
                      state.values[state.n % state.values.size()]);
    }
  };
  work.call = [&](int t) -> absl::StatusOr<uint64_t> {
    const rocksdb::Status written = db->Write(sync, &writers[t].write);
    if (!written.ok()) return absl::UnavailableError(written.ToString());
    return static_cast<uint64_t>(batch);
  };
  return RunTimed(tablets, seconds, work);
}

}  // namespace rasoat::bench
