// VersionedMutations: the mutations that take households h<first>.. to one version at once, as
// the publishing tests push them (a collaborator note naming the version, so each version's
// record differs). Thread-safety: a pure function.
#ifndef RASOAT_TESTS_SUPPORT_VERSIONED_MUTATIONS_H_
#define RASOAT_TESTS_SUPPORT_VERSIONED_MUTATIONS_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "rasoat/v1/sync.pb.h"
#include "tests/support/households.h"

namespace rasoat::testing {

// Mutations m<i>-<version> of households h<i> for i in [first, end), each on base `version - 1`.
inline std::vector<v1::Mutation> VersionedMutations(int first, int end, uint64_t version) {
  std::vector<v1::Mutation> mutations;
  for (int i = first; i < end; ++i) {
    v1::Household record = MakeHousehold(i);
    record.set_collaborator_note(absl::StrCat("phiên bản ", version));
    mutations.push_back(MakeMutation(absl::StrCat("h", i), absl::StrCat("m", i, "-", version),
                                     version - 1, std::move(record)));
  }
  return mutations;
}

}  // namespace rasoat::testing

#endif  // RASOAT_TESTS_SUPPORT_VERSIONED_MUTATIONS_H_
