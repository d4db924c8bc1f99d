#include "tests/bench/peer_section.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "tablet/household_generator.h"
#include "tests/bench/bench_stats.h"
#include "tests/bench/pull_timing.h"
#include "tests/bench/push_load.h"
#include "tests/e2e/rasoatd_process.h"
#include <httplib.h>

namespace rasoat::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kBulk = 100;
// Two communes' worth in bulk (the first is pulled), then some one at a time.
constexpr int kCommuneHouseholds = 8400;
constexpr int kOneAtATime = 1000;
constexpr char kDatabase[] = "/households";

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Household i: in commune "10001" for the first kCommuneHouseholds, then "10002", then "10003".
struct Workload {
  std::vector<v1::Household> records;
  std::vector<std::string> ids;
};

Workload MakeWorkload() {
  tablet::HouseholdGenerator generator(77);
  Workload workload;
  const int total = 2 * kCommuneHouseholds + kOneAtATime;
  for (int i = 0; i < total; ++i) {
    const char* commune = i < kCommuneHouseholds       ? "10001"
                          : i < 2 * kCommuneHouseholds ? "10002"
                                                       : "10003";
    workload.records.push_back(generator.Make(commune, absl::StrCat("v", i % 12)));
    workload.ids.push_back(absl::StrCat("hh-", i));
  }
  return workload;
}

// The household as a CouchDB document: its JSON with the id added.
std::string DocumentOf(const v1::Household& record, const std::string& id) {
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(record, &json);
  return absl::StrCat("{\"_id\":\"", id, "\"", json.size() > 2 ? "," : "", json.substr(1));
}

struct Figures {
  double bulk_per_second = 0;
  double single_per_second = 0;
  double single_p50_ms = 0;
  double pull_per_second = 0;
  uint64_t pulled = 0;
};

absl::Status Expect(const httplib::Result& result, int status, const char* what) {
  if (!result) {
    return absl::UnavailableError(
        absl::StrCat("peer ", what, ": ", httplib::to_string(result.error())));
  }
  if (result->status != status) {
    return absl::UnavailableError(
        absl::StrCat("peer ", what, ": HTTP ", result->status, " ", result->body.substr(0, 200)));
  }
  return absl::OkStatus();
}

absl::StatusOr<Figures> MeasurePeer(const std::string& url, const Workload& workload) {
  httplib::Client peer(url);
  peer.set_read_timeout(600, 0);
  // run-peer.sh starts the peer just before: wait up to a minute for it to answer.
  for (int attempt = 0; !peer.Get("/"); ++attempt) {
    if (attempt == 120) return absl::UnavailableError(absl::StrCat("no peer answers at ", url));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  if (absl::Status made = Expect(peer.Put(kDatabase, "", "application/json"), 201, "create db");
      !made.ok()) {
    return made;
  }
  // The commune filter, as a CouchDB app would write it, with the commune in the function:
  // pouchdb-server 4.2 does not give a filter the request's query (`req.query` is empty there).
  const std::string design =
      R"({"_id":"_design/rasoat","filters":{"commune_10001":"function(doc) { return doc.location )"
      R"(&& doc.location.communeCode === '10001'; }"}})";
  if (absl::Status made = Expect(peer.Post(kDatabase, design, "application/json"), 201, "filter");
      !made.ok()) {
    return made;
  }
  Figures figures;
  const size_t bulk = 2 * kCommuneHouseholds;
  Clock::time_point start = Clock::now();
  for (size_t first = 0; first < bulk; first += kBulk) {
    std::string body = "{\"docs\":[";
    for (size_t i = first; i < std::min(bulk, first + kBulk); ++i) {
      if (i > first) body += ",";
      body += DocumentOf(workload.records[i], workload.ids[i]);
    }
    body += "]}";
    if (absl::Status put =
            Expect(peer.Post(absl::StrCat(kDatabase, "/_bulk_docs"), body, "application/json"), 201,
                   "bulk");
        !put.ok()) {
      return put;
    }
  }
  figures.bulk_per_second = bulk / SecondsSince(start);

  std::vector<double> latencies;
  start = Clock::now();
  for (size_t i = bulk; i < workload.records.size(); ++i) {
    const Clock::time_point one = Clock::now();
    if (absl::Status put =
            Expect(peer.Put(absl::StrCat(kDatabase, "/", workload.ids[i]),
                            DocumentOf(workload.records[i], workload.ids[i]), "application/json"),
                   201, "put");
        !put.ok()) {
      return put;
    }
    latencies.push_back(SecondsSince(one) * 1000);
  }
  figures.single_per_second = latencies.size() / SecondsSince(start);
  figures.single_p50_ms = Percentile(latencies, 0.5);

  start = Clock::now();
  httplib::Result changes =
      peer.Get(absl::StrCat(kDatabase, "/_changes?include_docs=true&filter=rasoat/commune_10001"));
  const double pull_seconds = SecondsSince(start);
  if (absl::Status read = Expect(changes, 200, "changes"); !read.ok()) return read;
  // One "_id" per document in the feed: the design document is filtered out.
  for (size_t at = changes->body.find("\"doc\":"); at != std::string::npos;
       at = changes->body.find("\"doc\":", at + 1)) {
    ++figures.pulled;
  }
  figures.pull_per_second = figures.pulled / pull_seconds;
  return figures;
}

absl::StatusOr<Figures> MeasureRasoat(const std::string& work_dir, const Workload& workload) {
  absl::StatusOr<std::unique_ptr<testing::RasoatdProcess>> rasoatd =
      testing::RasoatdProcess::Start(absl::StrCat(work_dir, "/peer-rasoat"));
  if (!rasoatd.ok()) return rasoatd.status();
  std::unique_ptr<v1::SyncService::Stub> stub =
      NewTabletStub({(*rasoatd)->address(), (*rasoatd)->admin_token()});
  Figures figures;
  v1::PushRequest request;
  v1::PushResponse response;
  const size_t bulk = 2 * kCommuneHouseholds;
  Clock::time_point start = Clock::now();
  for (size_t first = 0; first < bulk; first += kBulk) {
    request.Clear();
    request.set_device_id("peer-bulk");
    for (size_t i = first; i < std::min(bulk, first + kBulk); ++i) {
      *AddMutation(request, "2026", workload.ids[i], absl::StrCat("b", i), 0)->mutable_record() =
          workload.records[i];
    }
    if (absl::Status pushed = PushOnce(*stub, request, response); !pushed.ok()) return pushed;
  }
  figures.bulk_per_second = bulk / SecondsSince(start);

  std::vector<double> latencies;
  start = Clock::now();
  for (size_t i = bulk; i < workload.records.size(); ++i) {
    const Clock::time_point one = Clock::now();
    request.Clear();
    request.set_device_id("peer-single");
    *AddMutation(request, "2026", workload.ids[i], absl::StrCat("s", i), 0)->mutable_record() =
        workload.records[i];
    if (absl::Status pushed = PushOnce(*stub, request, response); !pushed.ok()) return pushed;
    latencies.push_back(SecondsSince(one) * 1000);
  }
  figures.single_per_second = latencies.size() / SecondsSince(start);
  figures.single_p50_ms = Percentile(latencies, 0.5);

  absl::StatusOr<PullRun> pull =
      TimePull(*(*rasoatd)->NewSyncStub(), "2026", CommuneScopes({"10001"}), "", false);
  if (!pull.ok()) return pull.status();
  figures.pulled = pull->households;
  figures.pull_per_second = pull->households / pull->seconds;
  (*rasoatd)->Terminate();
  return figures;
}

}  // namespace

absl::Status RunPeerSection(const BenchConfig& config, const std::string& peer_url) {
  const Workload workload = MakeWorkload();
  absl::StatusOr<Figures> peer = MeasurePeer(peer_url, workload);
  if (!peer.ok()) return peer.status();
  absl::StatusOr<Figures> rasoat = MeasureRasoat(config.work_dir, workload);
  if (!rasoat.ok()) return rasoat.status();
  std::printf(
      "\n== against the CouchDB-protocol peer at %s, one client each, the same %s "
      "households\n",
      peer_url.c_str(), Thousands(static_cast<double>(workload.records.size())).c_str());
  std::printf("  %-40s %12s %12s %8s\n", "", "rasoat", "peer", "ratio");
  std::printf("  %-40s %12s %12s %7.2fx\n", "bulk writes of 100, docs/s",
              Thousands(rasoat->bulk_per_second).c_str(), Thousands(peer->bulk_per_second).c_str(),
              rasoat->bulk_per_second / peer->bulk_per_second);
  std::printf("  %-40s %12s %12s %7.2fx\n", "one at a time, docs/s",
              Thousands(rasoat->single_per_second).c_str(),
              Thousands(peer->single_per_second).c_str(),
              rasoat->single_per_second / peer->single_per_second);
  std::printf("  %-40s %12.2f %12.2f %7.2fx\n", "one at a time, p50 ms", rasoat->single_p50_ms,
              peer->single_p50_ms, peer->single_p50_ms / rasoat->single_p50_ms);
  std::printf("  %-40s %12s %12s %7.2fx\n",
              absl::StrCat("a commune's initial pull (", Thousands(rasoat->pulled), " / ",
                           Thousands(peer->pulled), "), docs/s")
                  .c_str(),
              Thousands(rasoat->pull_per_second).c_str(), Thousands(peer->pull_per_second).c_str(),
              rasoat->pull_per_second / peer->pull_per_second);
  std::printf(
      "  (ratio: rasoat over the peer; for p50, the peer's over rasoat's. rasoat "
      "acknowledges a write once it is synced to disk)\n");
  return absl::OkStatus();
}

}  // namespace rasoat::bench
