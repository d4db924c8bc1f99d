#include "sync/identity/authorization_table.h"

#include <algorithm>
#include <array>

#include "absl/strings/str_cat.h"

namespace rasoat::identity {
namespace {

constexpr uint32_t kCollaborator = RoleBit(v1::ROLE_COLLABORATOR);
constexpr uint32_t kReviewer = RoleBit(v1::ROLE_REVIEWER);
constexpr uint32_t kChairman = RoleBit(v1::ROLE_CHAIRMAN);
constexpr uint32_t kAdmin = RoleBit(v1::ROLE_ADMIN);
constexpr uint32_t kCommuneStaff = kReviewer | kChairman | kAdmin;

// Sorted by method, for the binary search of FindMethodRule (checked by a test).
constexpr std::array kTable = {
    MethodRule{"/grpc.health.v1.Health/Check", 0, ScopeRule::kOpen},
    MethodRule{"/grpc.health.v1.Health/Watch", 0, ScopeRule::kOpen},
    // The schema only, which the repository publishes anyway; no data.
    MethodRule{"/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", 0,
               ScopeRule::kOpen},
    // The audit log holds no personal data, but who did what, everywhere: an admin's.
    MethodRule{"/rasoat.v1.AdminService/AuditHead", kAdmin, ScopeRule::kEverywhere},
    // A backup holds everything: an admin's, like the data directory itself.
    MethodRule{"/rasoat.v1.AdminService/CreateBackup", kAdmin, ScopeRule::kEverywhere},
    MethodRule{"/rasoat.v1.AdminService/CreateToken", kAdmin, ScopeRule::kEverywhere},
    MethodRule{"/rasoat.v1.AdminService/CreateUser", kAdmin, ScopeRule::kEverywhere},
    MethodRule{"/rasoat.v1.AdminService/EnrollDevice", kAdmin, ScopeRule::kEverywhere},
    MethodRule{"/rasoat.v1.AdminService/GetPublishStatus", kAdmin, ScopeRule::kEverywhere},
    MethodRule{"/rasoat.v1.AdminService/ListAudit", kAdmin, ScopeRule::kEverywhere},
    MethodRule{"/rasoat.v1.AdminService/ListBackups", kAdmin, ScopeRule::kEverywhere},
    MethodRule{"/rasoat.v1.AdminService/ListDevices", kAdmin, ScopeRule::kEverywhere},
    MethodRule{"/rasoat.v1.AdminService/ListPublished", kCommuneStaff,
               ScopeRule::kCommuneOfRequest},
    MethodRule{"/rasoat.v1.AdminService/ListTokens", kAdmin, ScopeRule::kEverywhere},
    MethodRule{"/rasoat.v1.AdminService/ListUsers", kAdmin, ScopeRule::kEverywhere},
    // Checks the password itself.
    MethodRule{"/rasoat.v1.AdminService/Login", 0, ScopeRule::kOpen},
    MethodRule{"/rasoat.v1.AdminService/Logout", kCollaborator | kCommuneStaff, ScopeRule::kSelf},
    MethodRule{"/rasoat.v1.AdminService/RetryDeadLetters", kAdmin, ScopeRule::kEverywhere},
    MethodRule{"/rasoat.v1.AdminService/RevokeDevice", kAdmin, ScopeRule::kEverywhere},
    MethodRule{"/rasoat.v1.AdminService/RevokeToken", kAdmin, ScopeRule::kEverywhere},
    // Anyone may set their own password; every other change is an admin's.
    MethodRule{"/rasoat.v1.AdminService/UpdateUser", kCollaborator | kCommuneStaff,
               ScopeRule::kSelf},
    MethodRule{"/rasoat.v1.AdminService/VerifyAudit", kAdmin, ScopeRule::kEverywhere},
    MethodRule{"/rasoat.v1.AdminService/VerifyBackup", kAdmin, ScopeRule::kEverywhere},
    MethodRule{"/rasoat.v1.AdminService/WhoAmI", kCollaborator | kCommuneStaff, ScopeRule::kSelf},
    MethodRule{"/rasoat.v1.ReportService/CommuneReport", kCommuneStaff,
               ScopeRule::kCommuneOfRequest},
    // Names heads of households: their commune's staff only.
    MethodRule{"/rasoat.v1.ReportService/PostingList", kCommuneStaff, ScopeRule::kCommuneOfRequest},
    // A whole province: an admin's.
    MethodRule{"/rasoat.v1.ReportService/ProvinceReport", kAdmin, ScopeRule::kEverywhere},
    MethodRule{"/rasoat.v1.ReviewService/Approve", kCommuneStaff, ScopeRule::kCommuneOfHousehold},
    MethodRule{"/rasoat.v1.ReviewService/CommuneSummary", kCommuneStaff,
               ScopeRule::kCommuneOfRequest},
    MethodRule{"/rasoat.v1.ReviewService/DiffVersions", kCommuneStaff,
               ScopeRule::kCommuneOfHousehold},
    MethodRule{"/rasoat.v1.ReviewService/GetHousehold", kCommuneStaff,
               ScopeRule::kCommuneOfHousehold},
    MethodRule{"/rasoat.v1.ReviewService/ListQueue", kCommuneStaff, ScopeRule::kCommuneOfRequest},
    MethodRule{"/rasoat.v1.ReviewService/OpenPosting", kCommuneStaff, ScopeRule::kCommuneOfRequest},
    // The commune chairman's decision (DOMAIN.md); an admin may act for one.
    MethodRule{"/rasoat.v1.ReviewService/Recognise", kChairman | kAdmin,
               ScopeRule::kCommuneOfRequest},
    MethodRule{"/rasoat.v1.ReviewService/RecordObjection", kCommuneStaff,
               ScopeRule::kCommuneOfHousehold},
    MethodRule{"/rasoat.v1.ReviewService/RecordVillageMeeting", kCommuneStaff,
               ScopeRule::kCommuneOfRequest},
    MethodRule{"/rasoat.v1.ReviewService/ResolveConflict", kCommuneStaff,
               ScopeRule::kCommuneOfHousehold},
    MethodRule{"/rasoat.v1.ReviewService/Return", kCommuneStaff, ScopeRule::kCommuneOfHousehold},
    MethodRule{"/rasoat.v1.SyncService/Pull", kCollaborator | kAdmin,
               ScopeRule::kVillagesOfRequest},
    MethodRule{"/rasoat.v1.SyncService/Push", kCollaborator | kAdmin,
               ScopeRule::kVillagesOfMutations},
};

}  // namespace

std::span<const MethodRule> AuthorizationTable() { return kTable; }

const MethodRule* FindMethodRule(std::string_view method) {
  const auto* found = std::lower_bound(
      kTable.begin(), kTable.end(), method,
      [](const MethodRule& rule, std::string_view name) { return rule.method < name; });
  return found != kTable.end() && found->method == method ? &*found : nullptr;
}

std::string_view RoleName(v1::Role role) {
  switch (role) {
    case v1::ROLE_COLLABORATOR:
      return "collaborator";
    case v1::ROLE_REVIEWER:
      return "reviewer";
    case v1::ROLE_CHAIRMAN:
      return "chairman";
    case v1::ROLE_ADMIN:
      return "admin";
    default:
      return "user without a role";
  }
}

absl::Status AuthorizeRole(const MethodRule& rule, const Principal& principal) {
  if (rule.scope == ScopeRule::kOpen) return absl::OkStatus();
  if (principal.role != v1::ROLE_ADMIN && (rule.roles & RoleBit(principal.role)) == 0) {
    // "Service/Method", without the package.
    const std::string_view method = rule.method.substr(rule.method.rfind('.') + 1);
    return absl::PermissionDeniedError(absl::StrCat("a ", std::string(RoleName(principal.role)),
                                                    " may not call ", std::string(method)));
  }
  return absl::OkStatus();
}

}  // namespace rasoat::identity
