// The result of a mutation that is not applied (outcome REJECTED): one shape for every rejection
// of a push, whether a check of the mutation alone found it (push_service.cc) or the store's
// state did (push_applier.cc).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "rasoat/v1/sync.pb.h"

namespace rasoat {

// `mutation`'s result, carrying `rejection`.
v1::MutationResult RejectedResult(const v1::Mutation& mutation, v1::Rejection rejection);

// `mutation`'s result rejected with `code` and `message`, and `field` (a path below the
// `index`-th mutation of the push, named in the message) if a person must fix one.
v1::MutationResult Rejected(const v1::Mutation& mutation, absl::StatusCode code,
                            std::string message, int index = -1, std::string_view field = {});

// The rejection of a mutation of a household that `where` (is in, would move to) a village
// outside the caller's.
v1::MutationResult OutOfScope(const v1::Mutation& mutation, std::string_view commune_code,
                              std::string_view village_code, std::string_view where);

}  // namespace rasoat
