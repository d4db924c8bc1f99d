// PovertyReports: ReportService.CommuneReport and ProvinceReport (DOMAIN.md): reads a commune's
// households recognised in a round — each at its recognised version, classified by the round's
// standards as loaded now — and those of the round before, and hands them with the commune's
// targets to BuildPovertyReport (poverty_report.h). A province's report sums those of the
// communes the round's targets file lists for it. O(households of the commune, in both rounds);
// a commune's records are held in memory while its report is built.
//
// Thread-safety: any number of threads at once; reads only.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rasoat/v1/report.pb.h"
#include "sync/rules/rounds.h"

namespace rasoat {

class Store;

class PovertyReports {
 public:
  // Neither pointer is owned; both must outlive this.
  PovertyReports(const Store* store, const rules::Rounds* rounds);

  // INVALID_ARGUMENT for an unknown round, no commune (province), or an as_of that is not a
  // day; UNAVAILABLE, INTERNAL or DATA_LOSS if the store cannot be read.
  absl::Status CommuneReport(const v1::CommuneReportRequest& request,
                             v1::CommuneReportResponse* response) const;
  absl::Status ProvinceReport(const v1::ProvinceReportRequest& request,
                              v1::ProvinceReportResponse* response) const;

 private:
  absl::StatusOr<v1::PovertyReport> ReportOf(const std::string& round_id,
                                             const std::string& commune_code,
                                             const v1::Date& as_of) const;

  const Store* const store_;           // not owned
  const rules::Rounds* const rounds_;  // not owned
};

}  // namespace rasoat
