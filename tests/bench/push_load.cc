#include "tests/bench/push_load.h"

#include <atomic>
#include <cstdio>
#include <memory>
#include <random>
#include <thread>

#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "proto/client/client_channel.h"
#include "rasoat/v1/sync.grpc.pb.h"
#include "tablet/household_generator.h"
#include "tests/bench/bench_stats.h"
#include "tests/bench/timed_run.h"

namespace rasoat::bench {
namespace {

constexpr int kRecordsPerTablet = 64;

// What one tablet thread keeps: its connection, its records, its next request, and the
// outcomes of its pushes. The harness counts the mutations, the failures and the latencies.
struct TabletState {
  std::vector<v1::Household> records;
  std::unique_ptr<v1::SyncService::Stub> stub;
  std::mt19937_64 rng;
  std::uniform_real_distribution<double> share{0, 1};
  std::string device;
  size_t next_stale = 0;
  uint64_t n = 0;
  v1::PushRequest request;
  v1::PushResponse response;
  uint64_t merged = 0;
  uint64_t conflicts = 0;
  uint64_t rejected = 0;
};

void Count(const v1::PushResponse& response, TabletState& state) {
  for (const v1::MutationResult& result : response.results()) {
    switch (result.outcome()) {
      case v1::MUTATION_OUTCOME_MERGED:
        ++state.merged;
        break;
      case v1::MUTATION_OUTCOME_CONFLICT:
        ++state.conflicts;
        break;
      case v1::MUTATION_OUTCOME_REJECTED:
        ++state.rejected;
        break;
      default:
        break;
    }
  }
}

}  // namespace

v1::Mutation* AddMutation(v1::PushRequest& request, const std::string& round_id,
                          const std::string& household_id, std::string mutation_id,
                          uint64_t base_version) {
  v1::Mutation* mutation = request.add_mutations();
  mutation->mutable_key()->set_round_id(round_id);
  mutation->mutable_key()->set_household_id(household_id);
  mutation->set_mutation_id(std::move(mutation_id));
  mutation->set_base_version(base_version);
  return mutation;
}

absl::Status PushOnce(v1::SyncService::Stub& stub, const v1::PushRequest& request,
                      v1::PushResponse& response) {
  grpc::ClientContext context;
  const grpc::Status status = stub.Push(&context, request, &response);
  if (!status.ok()) {
    return absl::UnavailableError(absl::StrCat("Push: ", status.error_message()));
  }
  return absl::OkStatus();
}

std::unique_ptr<v1::SyncService::Stub> NewTabletStub(const Target& target) {
  ClientChannelOptions options;
  options.server = target.address;
  options.token = target.token;
  // A channel that shares no subchannel: a connection of its own.
  options.arguments.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  options.arguments.SetMaxReceiveMessageSize(64 << 20);
  return v1::SyncService::NewStub(*NewClientChannel(options));
}

PushLoad::PushLoad(Target target, std::string round_id, uint64_t seed)
    : target_(std::move(target)), round_id_(std::move(round_id)), seed_(seed) {}

absl::StatusOr<std::vector<std::vector<PushLoad::StaleHousehold>>> PushLoad::PrepareStale(
    int tablets, int count) {
  std::vector<std::vector<StaleHousehold>> stale(tablets);
  std::unique_ptr<v1::SyncService::Stub> stub = NewTabletStub(target_);
  v1::PushResponse response;
  for (int t = 0; t < tablets; ++t) {
    tablet::HouseholdGenerator generator(seed_ + 7919 * (run_ * 1000 + t));
    const std::string device = absl::StrCat("other-", run_, "-", t);
    for (int first = 0; first < count; first += 100) {
      const int last = std::min(count, first + 100);
      v1::PushRequest create;
      v1::PushRequest update;
      create.set_device_id(device);
      update.set_device_id(device);
      for (int i = first; i < last; ++i) {
        StaleHousehold household;
        household.household_id = absl::StrCat("stale-", run_, "-", t, "-", i);
        household.version1 = generator.Make("29998", absl::StrCat("t", t));
        household.head_floor_area = household.version1.housing().floor_area_m2() + 5;
        *AddMutation(create, round_id_, household.household_id, absl::StrCat("c", i), 0)
             ->mutable_record() = household.version1;
        v1::Mutation* edit =
            AddMutation(update, round_id_, household.household_id, absl::StrCat("u", i), 1);
        *edit->mutable_record() = household.version1;
        edit->mutable_record()->mutable_housing()->set_floor_area_m2(household.head_floor_area);
        stale[t].push_back(std::move(household));
      }
      if (absl::Status status = PushOnce(*stub, create, response); !status.ok()) return status;
      if (absl::Status status = PushOnce(*stub, update, response); !status.ok()) return status;
    }
  }
  return stale;
}

absl::StatusOr<PushFigures> PushLoad::Run(const PushWorkload& workload, double seconds) {
  ++run_;
  std::vector<std::vector<StaleHousehold>> stale(workload.tablets);
  if (workload.stale_share + workload.conflict_share > 0) {
    absl::StatusOr<std::vector<std::vector<StaleHousehold>>> prepared =
        PrepareStale(workload.tablets, workload.stale_per_tablet);
    if (!prepared.ok()) return prepared.status();
    stale = *std::move(prepared);
  }

  std::vector<TabletState> tablets(workload.tablets);
  TimedWork work;
  work.set_up = [&](int t) {
    TabletState& state = tablets[t];
    tablet::HouseholdGenerator generator(seed_ + t);
    for (int i = 0; i < kRecordsPerTablet; ++i) {
      state.records.push_back(generator.Make("29999", absl::StrCat("t", t)));
    }
    state.stub = NewTabletStub(target_);
    state.rng.seed(seed_ * 31 + t);
    state.device = absl::StrCat("bench-", run_, "-", t);
  };
  work.prepare = [&](int t) {
    TabletState& state = tablets[t];
    v1::PushRequest& request = state.request;
    request.Clear();
    request.set_device_id(state.device);
    for (int b = 0; b < workload.batch; ++b, ++state.n) {
      const uint64_t n = state.n;
      const double draw = state.share(state.rng);
      const bool from_stale = draw < workload.stale_share + workload.conflict_share &&
                              state.next_stale < stale[t].size();
      if (!from_stale) {
        *AddMutation(request, round_id_, absl::StrCat(state.device, "-", n), absl::StrCat(n), 0)
             ->mutable_record() = state.records[n % kRecordsPerTablet];
        continue;
      }
      const StaleHousehold& household = stale[t][state.next_stale++];
      v1::Household* record =
          AddMutation(request, round_id_, household.household_id, absl::StrCat(n), 1)
              ->mutable_record();
      *record = household.version1;
      if (draw < workload.conflict_share) {
        record->mutable_housing()->set_floor_area_m2(household.head_floor_area + 1);
      } else {
        record->mutable_information()->set_has_tv(!household.version1.information().has_tv());
      }
    }
  };
  work.call = [&](int t) -> absl::StatusOr<uint64_t> {
    TabletState& state = tablets[t];
    if (absl::Status status = PushOnce(*state.stub, state.request, state.response); !status.ok()) {
      return status;
    }
    return static_cast<uint64_t>(state.request.mutations_size());
  };
  work.tally = [&](int t) { Count(tablets[t].response, tablets[t]); };

  PushFigures figures = RunTimed(workload.tablets, seconds, work);
  for (const TabletState& state : tablets) {
    figures.merged += state.merged;
    figures.conflicts += state.conflicts;
    figures.rejected += state.rejected;
  }
  return figures;
}

absl::Status LoadHouseholds(const Target& target, const std::string& round_id,
                            const std::vector<std::string>& communes, int villages, uint64_t count,
                            const std::string& id_prefix, int tablets) {
  constexpr uint64_t kBatch = 100;
  std::atomic<uint64_t> next{0};
  std::atomic<uint64_t> failures{0};
  std::atomic<uint64_t> reported{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < tablets; ++t) {
    threads.emplace_back([&, t] {
      tablet::HouseholdGenerator generator(1000 + t);
      std::vector<v1::Household> records;
      for (int i = 0; i < kRecordsPerTablet; ++i) records.push_back(generator.Make("", ""));
      std::unique_ptr<v1::SyncService::Stub> stub = NewTabletStub(target);
      const std::string device = absl::StrCat(id_prefix, "loader-", t);
      v1::PushRequest request;
      v1::PushResponse response;
      for (uint64_t first = next.fetch_add(kBatch); first < count; first = next.fetch_add(kBatch)) {
        request.Clear();
        request.set_device_id(device);
        for (uint64_t i = first; i < std::min(count, first + kBatch); ++i) {
          // Household i lives in commune i * communes / count: each commune a contiguous run.
          const std::string& commune = communes[i * communes.size() / count];
          v1::Household* record =
              AddMutation(request, round_id, absl::StrCat(id_prefix, i), absl::StrCat(i), 0)
                  ->mutable_record();
          *record = records[i % kRecordsPerTablet];
          record->mutable_location()->set_commune_code(commune);
          record->mutable_location()->set_village_code(absl::StrCat("v", i % villages));
        }
        if (!PushOnce(*stub, request, response).ok()) failures.fetch_add(1);
        const uint64_t done = std::min(count, first + kBatch);
        if (done / 100'000 > reported.load()) {
          reported.store(done / 100'000);
          std::fprintf(stderr, "  loaded %s households\n",
                       Thousands(static_cast<double>(done)).c_str());
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  if (failures.load() > 0) {
    return absl::UnavailableError(absl::StrCat(failures.load(), " load pushes failed"));
  }
  return absl::OkStatus();
}

}  // namespace rasoat::bench
