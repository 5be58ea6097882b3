#pragma once
// junit.xml for CI readers (GitLab, Jenkins, GitHub test reporters): one <testsuite> per
// scenario, one <testcase> per case. fail -> <failure>, error -> <error>, unsupported ->
// <skipped>; non-strict and informational pass, with the verdict in <system-out>.
#include <string>
#include <vector>

#include "report/run_info.hpp"

namespace zconform {

std::string make_junit_report(const RunInfo& run, const std::vector<CaseResult>& results);

}  // namespace zconform
