#pragma once
// Reads a report.json back (format zconform-report/1 or /2): what `zconform merge` joins and
// `zconform diff` compares. A report that is not one fails with the file and the field named.
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "report/run_info.hpp"

namespace zconform {

class ReportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct LoadedReport {
  std::filesystem::path file;
  RunInfo run;
  std::vector<CaseResult> results;
};

// `path`: a report.json, or a directory holding one (reports/latest). Throws ReportError.
LoadedReport read_json_report(const std::filesystem::path& path);

}  // namespace zconform
