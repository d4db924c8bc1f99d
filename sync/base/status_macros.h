// RETURN_IF_ERROR and ASSIGN_OR_RETURN for absl::Status / absl::StatusOr, which Debian 12's
// abseil (20220623) does not ship. Thread-safe: macros only.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define RASOAT_CONCAT_INNER(a, b) a##b
#define RASOAT_CONCAT(a, b) RASOAT_CONCAT_INNER(a, b)

// Returns the status from the enclosing function if `expr` is not OK.
#define RETURN_IF_ERROR(expr)                                         \
  do {                                                                \
    if (absl::Status rasoat_status_ = (expr); !rasoat_status_.ok()) { \
      return rasoat_status_;                                          \
    }                                                                 \
  } while (0)

// Evaluates `rexpr` (an absl::StatusOr<T>); returns its status if not OK, otherwise moves the
// value into `lhs`, which may be a declaration: ASSIGN_OR_RETURN(auto x, Compute());
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  RASOAT_ASSIGN_OR_RETURN_IMPL(RASOAT_CONCAT(rasoat_statusor_, __LINE__), lhs, rexpr)

#define RASOAT_ASSIGN_OR_RETURN_IMPL(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                 \
  if (!statusor.ok()) {                                    \
    return std::move(statusor).status();                   \
  }                                                        \
  lhs = std::move(statusor).value()
