// rasoatctl's steps of the procedure after approval (DOMAIN.md "The procedure the workflow
// follows"): the village meeting, the public posting and its objections, the chairman's
// recognition. Each names the households it acts on at the version looked at, HOUSEHOLD@VERSION,
// so that the server refuses the whole step — naming every household that moved on — rather
// than act on a record nobody read. Days are YYYY-MM-DD.
//
// Each runs with the words after its name, as the command table (commands.h) bounds them, and
// returns an exit code (context.h): kExitOk with what was recorded (or, with --json, the
// response) on out; kExitUsage for a malformed word, with nothing sent; kExitFailed when the
// server refused or could not be reached.
//
// Thread-safety: as CommandContext: one command at a time on one thread.
#pragma once

#include <string>
#include <vector>

#include "server/rasoatctl/context.h"

namespace rasoat::ctl {

// meeting COMMUNE/VILLAGE DAY ATTENDEES MINUTES HOUSEHOLD@VERSION[:AGREEING]... [note=TEXT]:
// RecordVillageMeeting. A household without :AGREEING was agreed by at least the quorum; one
// under the quorum goes back for re-survey with note=TEXT (required then).
int RunMeeting(const CommandContext& context, const std::vector<std::string>& args);

// post COMMUNE FIRST_DAY HOUSEHOLD@VERSION... [days=N]: OpenPosting for N working days (the
// standard's when not given); prints the posting's last day.
int RunPost(const CommandContext& context, const std::vector<std::string>& args);

// object HOUSEHOLD@VERSION DAY by=NAME WHAT...: RecordObjection received on DAY from NAME, the
// remaining words joined by spaces as the objection.
int RunObject(const CommandContext& context, const std::vector<std::string>& args);

// recognise COMMUNE DAY DECISION HOUSEHOLD@VERSION...: Recognise, as the chairman's decision
// number DECISION of DAY; publishes the households.
int RunRecognise(const CommandContext& context, const std::vector<std::string>& args);

}  // namespace rasoat::ctl
