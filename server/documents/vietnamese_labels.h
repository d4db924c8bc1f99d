// The Vietnamese words people read for rasoat's enums, as the commune writes them on its lists:
// classes ("Hộ nghèo"), outcomes across rounds ("Thoát nghèo"), areas, procedure steps, and the
// deprivation indicators by the names the standard files give them
// (deploy/standards/decree-07-2021.textproto, decree-351-2025.textproto).
//
// Every function returns the empty string for the enum's UNSPECIFIED value (an empty cell: no
// local class, no outcome yet) and the value's number in decimal for a value this build does not
// know (a message from a newer server), never a made-up word. Strings are UTF-8 in composed form
// (NFC).
//
// Thread-safety: free functions without shared state.
#pragma once

#include <string>

#include "rasoat/v1/household.pb.h"
#include "rasoat/v1/standard.pb.h"
#include "rasoat/v1/sync.pb.h"

namespace rasoat::documents {

// "Hộ nghèo", "Hộ cận nghèo", "Hộ có mức sống trung bình", "Hộ không nghèo".
std::string PovertyClassLabel(v1::PovertyClass poverty_class);

// "Rà soát lần đầu", "Hộ nghèo mới", "Hộ cận nghèo mới", "Tái nghèo", "Thoát nghèo",
// "Thoát cận nghèo", "Từ nghèo sang cận nghèo", "Từ cận nghèo sang nghèo", "Không đổi".
std::string OutcomeLabel(v1::HouseholdOutcome outcome);

// "Nông thôn", "Thành thị".
std::string AreaLabel(v1::Area area);

// "Chờ họp thôn", "Họp thôn đã thống nhất", "Đang niêm yết", "Đã công nhận".
std::string ProcedureStepLabel(v1::ProcedureStep step);

// The indicator's name in the standard files, lowercase as they write it: "việc làm",
// "bảo hiểm y tế", ..., "xử lý rác thải sinh hoạt".
std::string IndicatorLabel(v1::Indicator indicator);

}  // namespace rasoat::documents
