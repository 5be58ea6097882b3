#pragma once
// summary.md: a short Markdown summary fit for a pull-request comment: totals per implementation
// (and pair), regressions against the baseline with the clause text beside each ID, unexpected
// passes, flaky cases, the five slowest cases, with links into report.html.
#include <string>
#include <vector>

#include "report/run_info.hpp"
#include "scenario/clauses.hpp"

namespace zconform {

std::string make_summary_markdown(const RunInfo& run, const std::vector<CaseResult>& results,
                                  const ClauseCatalogue& catalogue);

// "report.html#case=<id>&leg=<leg>", percent-encoded: the page opens that case. The leg tells
// apart the cases of one ID that each implementation alone has in a multi-implementation run.
std::string html_report_link(const CaseResult& r);

// "GREET-01 (MUST: 64 octets: ...)", shortened to `max_text` characters of clause text; an ID the
// catalogue lacks (a scenario's local X- clause) stands alone.
std::string clause_with_text(const std::string& id, const ClauseCatalogue& catalogue,
                             size_t max_text = 160);

// "libzmq" for an implementation alone, "libzmq+pyzmq" for a pair (role A's first).
std::string leg_name(const CaseResult& r);

}  // namespace zconform
