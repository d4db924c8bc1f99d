// rasoatctl's public posting list of a commune, and its report of a commune or a province
// against its targets (ReportService.CommuneReport
// and ProvinceReport; DOMAIN.md): households and rates of poor and near-poor by the national and
// the local standard against the round before, outcomes, priority groups, deprivations, the
// recently escaped, and each target with its actual figure, met or missed. As tables, as one
// line of JSON (--json), or as CSV (--csv: one line per figure, SECTION,ITEM,VALUE, for a
// spreadsheet).
//
// Returns an exit code (context.h): kExitOk with the report on out; kExitFailed when the server
// refused or could not be reached.
//
// Thread-safety: as CommandContext: one command at a time on one thread.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "rasoat/v1/report.pb.h"
#include "server/rasoatctl/context.h"

namespace rasoat::ctl {

// report COMMUNE|PROVINCE [--csv]: a five-digit code is a commune, a two-digit one a province
// (with a line per commune after the province's tables).
int RunReport(const CommandContext& context, const std::vector<std::string>& args);

// posting COMMUNE [--village=V] [--html]: ReportService.PostingList as the commune posts it
// (documents/posting_list.h): CSV for a spreadsheet, or a printable A4 HTML page.
int RunPosting(const CommandContext& context, const std::vector<std::string>& args);

// The report as RunReport prints it: tables, or CSV lines (CRLF) with a header line.
void PrintReport(const v1::PovertyReport& report, std::ostream& out);
std::string ReportCsv(const v1::PovertyReport& report);

}  // namespace rasoat::ctl
