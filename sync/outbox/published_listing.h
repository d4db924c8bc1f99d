// PublishedListing: AdminService.ListPublished — a commune's households as the program store
// has them, a page at a time, read over a connection of its own so that an export never waits
// for, or holds up, the publisher.
//
// Thread-safety: any number of threads at once; each call opens its own connection, which
// blocks on the network: call it off gRPC's callback threads.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "rasoat/v1/admin.pb.h"
#include "sync/audit/audit_log.h"
#include "sync/identity/principal.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class PublishedListing {
 public:
  // `rounds` is not owned and must outlive this. `program_store` and `data_dir` say where the
  // program store is, as for publish::OpenProgramStore.
  PublishedListing(const rules::Rounds* rounds, audit::AuditLog* audit, std::string program_store,
                   std::string data_dir);

  // The page `request` asks for, read for `caller`. PERMISSION_DENIED if the commune is not
  // one of the caller's; INVALID_ARGUMENT for an unknown round, no commune or a page token this
  // server never gave; UNAVAILABLE if the program store cannot be reached. A page that holds
  // households is recorded in the audit log (who read which commune) before it is answered; if
  // that fails, its error, and nothing is answered.
  absl::Status ListPublished(const identity::Principal& caller,
                             const v1::ListPublishedRequest& request,
                             v1::ListPublishedResponse* response) const;

 private:
  const rules::Rounds* const rounds_;  // not owned
  audit::AuditLog* const audit_;       // not owned
  const std::string program_store_;
  const std::string data_dir_;
};

}  // namespace rasoat
