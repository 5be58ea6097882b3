// zconform coverage: which clauses of CLAUSES.md the suite's cases cite, as a table and as
// "N of M" figures (overall, and for the clauses an API-level case can reach at all).
#include <iomanip>
#include <iostream>
#include <map>
#include <set>

#include "cli/commands.hpp"
#include "cli/suite_loading.hpp"

namespace zconform {

int coverage_command(const CommonOptions& options) {
  auto suite = load_suite_reporting_errors(options);
  if (!suite) return kExitHarnessError;

  std::map<std::string, std::set<std::string>> scenarios_of;  // clause -> scenario ids
  std::map<std::string, int> cases_of;
  std::set<std::string> local;
  for (const auto& c : suite->cases) {
    for (const auto& id : c.scenario->clauses) {
      scenarios_of[id].insert(c.scenario->id);
      ++cases_of[id];
      if (c.scenario->local_clauses.count(id)) local.insert(id);
    }
  }

  std::cout << std::left << std::setw(10) << "clause" << std::setw(8) << "level" << std::setw(6)
            << "mode" << std::right << std::setw(7) << "cases"
            << "  scenarios\n";
  int covered = 0, api_total = 0, api_covered = 0;
  for (const auto& [id, clause] : suite->catalogue.all()) {
    const bool has = cases_of.count(id) > 0;
    covered += has;
    // Mode W needs the raw wire peer; A and W/A (and the error-code lines) are reachable by the
    // API.
    if (clause.mode != "W") {
      ++api_total;
      api_covered += has;
    }
    std::string names;
    for (const auto& s : scenarios_of[id]) names += (names.empty() ? "" : " ") + s;
    std::cout << std::left << std::setw(10) << id << std::setw(8) << to_string(clause.level)
              << std::setw(6) << clause.mode << std::right << std::setw(7)
              << (has ? std::to_string(cases_of[id]) : "-") << "  " << (has ? names : "(none)")
              << "\n";
  }
  for (const auto& id : local) {
    std::cout << std::left << std::setw(24) << id << std::right << std::setw(7) << cases_of[id]
              << "  (local clause)\n";
  }
  const int total = static_cast<int>(suite->catalogue.all().size());
  std::cout << "\n"
            << covered << " of " << total << " clauses have cases ("
            << (total ? 100 * covered / total : 0) << "%); " << api_covered << " of the "
            << api_total
            << " clauses an API-level case can reach (mode A, W/A or none) have cases.\n";
  return suite->scenarios.errors.empty() ? kExitOk : kExitHarnessError;
}

}  // namespace zconform
