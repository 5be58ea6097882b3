#pragma once
// Compares two reports case by case: what a change broke (CI: the report of main against the
// report of a pull request) and what changed between two releases of an implementation.
#include <map>
#include <string>
#include <vector>

#include "report/run_info.hpp"

namespace zconform {

struct CaseChange {
  enum class Kind {
    regression,  // was accepted (or absent), now fails the gate
    fix,         // failed, errored, was flaky or non-strict; now passes
    changed,     // any other change of verdict or baseline status
    added,       // only in the new report (and not a regression)
    removed,     // only in the old report
  };
  Kind kind;
  std::string id;
  std::string leg;          // "libzmq", "libzmq+pyzmq"
  std::string old_verdict;  // "" when added; "fail (known)" for a baselined failure
  std::string new_verdict;  // "" when removed
  std::string actual;       // the new report's actual (or the old one's when removed)
};

struct ReportDiff {
  std::vector<CaseChange> changes;  // in the new report's order, removed ones last
  // Per leg, how many of each kind.
  std::map<std::string, std::map<CaseChange::Kind, int>> per_leg;
  int count(CaseChange::Kind kind) const;
};

ReportDiff diff_reports(const std::vector<CaseResult>& old_results,
                        const std::vector<CaseResult>& new_results);

std::string_view to_string(CaseChange::Kind kind);

// Plain text for a terminal, or Markdown for a pull-request comment.
std::string format_diff(const ReportDiff& diff, const std::string& old_name,
                        const std::string& new_name, bool markdown);

}  // namespace zconform
