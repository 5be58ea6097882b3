#pragma once
// Writes every report format into <root>/<timestamp>/ and makes <root>/latest/ a copy of it, so
// CI can always pick up reports/latest/ and history stays beside it.
#include <filesystem>
#include <vector>

#include "report/run_info.hpp"
#include "scenario/clauses.hpp"

namespace zconform {

// report.json, junit.xml, report.html and summary.md. Returns the timestamped directory.
// Throws std::filesystem::filesystem_error or runtime_error.
std::filesystem::path publish_reports(const std::filesystem::path& root, const std::string& stamp,
                                      const RunInfo& run, const std::vector<CaseResult>& results,
                                      const ClauseCatalogue& catalogue);

}  // namespace zconform
