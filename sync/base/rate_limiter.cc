#include "sync/base/rate_limiter.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <list>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/hash/hash.h"
#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "sync/base/mutex.h"

namespace rasoat {
namespace {

constexpr size_t kMaxShards = 16;
constexpr double kMinPerSecond = 1e-6;
constexpr double kMaxPerSecond = 1e9;
constexpr absl::Duration kWaitGranularity = absl::Milliseconds(100);
// Carries the wait on a RESOURCE_EXHAUSTED from Take, as absl::FormatDuration text.
constexpr char kRetryAfterPayload[] = "type.rasoat/retry-after";

}  // namespace

// A share of the keys: those whose hash picks this shard. Aligned to a cache line so that
// threads working on different shards do not contend for one.
struct alignas(64) RateLimiter::Shard {
  // A tracked key and its bucket, kept as the generic cell rate algorithm's one number: the
  // time the key's next request is booked for at the sustained rate. At or before now, the
  // bucket is full.
  struct Entry {
    std::string key;
    absl::Time booked_until;
  };

  Mutex mu;
  // Most recently used first; a node lives as long as its key is tracked, so `index` can point
  // into it.
  std::list<Entry> lru ABSL_GUARDED_BY(mu);
  // Each tracked key (viewing its Entry::key) to its node in `lru`.
  absl::flat_hash_map<std::string_view, std::list<Entry>::iterator> index ABSL_GUARDED_BY(mu);
  // The most keys this shard tracks; set once, before any Take.
  size_t capacity = 0;

  // The entry of `key`, now the most recently used; a key not tracked yet gets a full bucket,
  // in the node of the key idle longest when the shard is full.
  Entry& Find(std::string_view key, absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    if (const auto found = index.find(key); found != index.end()) {
      lru.splice(lru.begin(), lru, found->second);
      return *found->second;
    }
    if (lru.size() >= capacity) {
      const auto oldest = std::prev(lru.end());
      index.erase(std::string_view(oldest->key));
      oldest->key.assign(key.data(), key.size());  // reuses the buffer if the key fits
      oldest->booked_until = now;
      lru.splice(lru.begin(), lru, oldest);
    } else {
      lru.push_front(Entry{std::string(key), now});
    }
    index.emplace(std::string_view(lru.front().key), lru.begin());
    return lru.front();
  }
};

absl::Status RateLimiterOptions::Validate() const {
  if (!(per_second == 0 || (per_second >= kMinPerSecond && per_second <= kMaxPerSecond))) {
    return absl::InvalidArgumentError(
        absl::StrCat("rate limiter: per_second must be 0 (unlimited) or between ", kMinPerSecond,
                     " and ", kMaxPerSecond, " (is ", per_second, ")"));
  }
  if (!(burst >= 0 && std::isfinite(burst))) {
    return absl::InvalidArgumentError(
        absl::StrCat("rate limiter: burst must be a finite number, not negative (is ", burst, ")"));
  }
  if (per_second > 0 && burst < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("rate limiter: burst must be at least 1 (is ", burst, ")"));
  }
  if (max_keys < 1) {
    return absl::InvalidArgumentError("rate limiter: max_keys must be at least 1 (is 0)");
  }
  return absl::OkStatus();
}

absl::Time RateLimiter::SteadyNow() {
  return absl::UnixEpoch() + absl::FromChrono(std::chrono::steady_clock::now().time_since_epoch());
}

RateLimiter::RateLimiter(RateLimiterOptions options, Clock clock)
    : options_(options),
      clock_(std::move(clock)),
      interval_(options.per_second > 0 ? absl::Seconds(1) / options.per_second
                                       : absl::ZeroDuration()),
      tolerance_(interval_ * std::max(options.burst - 1, 0.0)),
      shard_count_(std::clamp<size_t>(options.max_keys, 1, kMaxShards)),
      shards_(std::make_unique<Shard[]>(shard_count_)) {
  // Every shard gets max_keys / shard_count_, the first ones one more, so that they add up to
  // max_keys exactly (and none has room for no key).
  const size_t max_keys = std::max<size_t>(options.max_keys, 1);
  for (size_t i = 0; i < shard_count_; ++i) {
    Shard& shard = shards_[i];
    shard.capacity = max_keys / shard_count_ + (i < max_keys % shard_count_ ? 1 : 0);
    MutexLock lock(&shard.mu);
    shard.index.reserve(shard.capacity);
  }
}

RateLimiter::~RateLimiter() = default;

RateLimiter::Shard& RateLimiter::ShardFor(std::string_view key) const {
  // The high half of the hash: the map inside the shard indexes by the low bits, which would all
  // be alike if they chose the shard too.
  const uint64_t hash = absl::Hash<std::string_view>{}(key);
  return shards_[(hash >> 32) % shard_count_];
}

absl::Status RateLimiter::Take(std::string_view key) {
  if (options_.per_second == 0) return absl::OkStatus();
  const absl::Time now = clock_();
  Shard& shard = ShardFor(key);
  absl::Duration wait;
  {
    MutexLock lock(&shard.mu);
    Shard::Entry& entry = shard.Find(key, now);
    // Allowed unless that would book the key's requests more than the burst ahead of now.
    const absl::Time next = std::max(entry.booked_until, now);
    if (next - now <= tolerance_) {
      entry.booked_until = next + interval_;
      return absl::OkStatus();
    }
    wait = next - now - tolerance_;
  }
  return TooManyRequests(wait);
}

absl::Status RateLimiter::TooManyRequests(absl::Duration wait) const {
  const int64_t tenths = absl::Ceil(wait, kWaitGranularity) / kWaitGranularity;
  absl::Status status = absl::ResourceExhaustedError(
      absl::StrCat("too many requests with this token: ", options_.per_second,
                   " per second allowed; ", "try again in ", tenths / 10, ".", tenths % 10, " s"));
  status.SetPayload(kRetryAfterPayload,
                    absl::Cord(absl::FormatDuration(tenths * kWaitGranularity)));
  return status;
}

size_t RateLimiter::tracked_keys() const {
  size_t total = 0;
  for (size_t i = 0; i < shard_count_; ++i) {
    MutexLock lock(&shards_[i].mu);
    total += shards_[i].lru.size();
  }
  return total;
}

absl::Duration RetryAfter(const absl::Status& status) {
  if (status.code() != absl::StatusCode::kResourceExhausted) return absl::ZeroDuration();
  const auto payload = status.GetPayload(kRetryAfterPayload);
  absl::Duration wait;
  if (!payload.has_value() || !absl::ParseDuration(std::string(*payload), &wait)) {
    return absl::ZeroDuration();
  }
  return wait;
}

}  // namespace rasoat
