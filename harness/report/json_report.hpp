#pragma once
// report.json: the machine-readable report (schema: harness/report/report.schema.json).
#include <nlohmann/json.hpp>
#include <vector>

#include "report/run_info.hpp"

namespace zconform {

nlohmann::json make_json_report(const RunInfo& run, const std::vector<CaseResult>& results);

}  // namespace zconform
