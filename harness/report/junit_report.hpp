#pragma once
// junit.xml for CI readers (GitLab, Jenkins, GitHub test reporters): one <testsuite> per
// implementation (or pair) and scenario family, one <testcase> per case. fail and flaky ->
// <failure>, error -> <error>, unsupported and known failures -> <skipped>; non-strict and
// informational pass, with the verdict in <system-out>. Failures quote their clauses' text.
#include <string>
#include <vector>

#include "report/run_info.hpp"
#include "scenario/clauses.hpp"

namespace zconform {

// `catalogue`: where failures quote their clauses' text (none: the IDs alone).
std::string make_junit_report(const RunInfo& run, const std::vector<CaseResult>& results,
                              const ClauseCatalogue* catalogue = nullptr);

}  // namespace zconform
