// RateLimiter: a token bucket per key, so that one leaked bearer token cannot flood the server.
// The server edge calls Take once per RPC, with the key = the token's hash, before the call does
// any work; Take answers OK (and takes one request from that key's bucket) or RESOURCE_EXHAUSTED
// saying how long to wait. Each bucket holds `burst` requests and refills at `per_second`; the
// limiter remembers at most `max_keys` keys, forgetting the ones idle longest.
//
// Keys are secrets' hashes: no message, log or status this file produces ever contains one.
//
// Thread-safety: Take and tracked_keys may be called from any number of threads at once. The
// keys are spread over up to 16 shards, each with its own mutex; Take holds one of them for a
// hash-map lookup and a few arithmetic operations, and allocates nothing for a key already
// tracked (the rejection's status allocates its message).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace rasoat {

// Fixed when the RateLimiter is constructed.
struct RateLimiterOptions {
  // Requests a key may make per second, sustained: the bucket's refill rate. 0 means unlimited
  // (Take always answers OK and tracks nothing); otherwise in [1e-6, 1e9].
  // Default: 50.
  double per_second = 50;
  // Requests a key may make at once after being idle: the bucket's size. At least 1 unless
  // per_second is 0. Larger tolerates bursty clients (a tablet syncing after a day offline) at
  // the price of a larger flood before the limit bites.
  // Default: 200.
  double burst = 200;
  // Keys tracked at most, each costing roughly 160 bytes (with a 32-byte key). Past it, a new
  // key makes the limiter forget the key idle longest in its shard (one of up to 16, chosen by
  // the key's hash), which starts again with a full bucket if it comes back. A bucket idle for
  // burst / per_second (4 s by default) is full anyway, so forgetting costs nothing unless about
  // max_keys keys are active within that time. At least 1.
  // Default: 100'000.
  size_t max_keys = 100'000;

  // OK, or INVALID_ARGUMENT naming the first bad option and why, e.g. "rate limiter: burst must
  // be at least 1 (is 0.5)".
  absl::Status Validate() const;
};

class RateLimiter {
 public:
  // The time source: any monotonic clock; only differences between its readings matter (the
  // default reads std::chrono::steady_clock, from an arbitrary origin). Called once per Take,
  // from the calling thread, without a lock held. Tests pass one they advance by hand.
  using Clock = std::function<absl::Time()>;
  // The default Clock: std::chrono::steady_clock as an absl::Time.
  static absl::Time SteadyNow();

  // REQUIRES: options.Validate().ok().
  explicit RateLimiter(RateLimiterOptions options, Clock clock = &SteadyNow);
  ~RateLimiter();
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // OK, and one request taken from `key`'s bucket (a key not tracked yet starts full).
  // RESOURCE_EXHAUSTED when the bucket is empty, taking nothing; the message says the limit and
  // the wait rounded up to 0.1 s, e.g. "too many requests with this token: 50 per second
  // allowed; try again in 0.1 s", and RetryAfter(status) gives that wait as a number.
  // `key` is any bytes (meant to be a token's hash); it never appears in the status.
  absl::Status Take(std::string_view key);

  // How many keys the limiter tracks now (at most options.max_keys). For tests and metrics.
  size_t tracked_keys() const;

 private:
  struct Shard;

  Shard& ShardFor(std::string_view key) const;
  absl::Status TooManyRequests(absl::Duration wait) const;

  const RateLimiterOptions options_;
  const Clock clock_;
  // The time between two requests at the sustained rate: 1 s / per_second.
  const absl::Duration interval_;
  // How far ahead of now a key's next request may be booked and still be allowed:
  // (burst - 1) * interval_. A bucket with k requests left is one booked (burst - k) intervals
  // ahead.
  const absl::Duration tolerance_;
  const size_t shard_count_;
  const std::unique_ptr<Shard[]> shards_;
};

// The wait a RESOURCE_EXHAUSTED from RateLimiter::Take asks for (a multiple of 0.1 s, at least
// 0.1 s), for a retry hint; absl::ZeroDuration() for any other status.
absl::Duration RetryAfter(const absl::Status& status);

}  // namespace rasoat
