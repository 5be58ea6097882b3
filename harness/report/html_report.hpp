#pragma once
// report.html: one self-contained page (no network at view time, works from file://) that people
// read before they choose a library: the verdict matrix, the interop view, scorecards, spec
// coverage and every case with its clauses' text, expected vs actual, transcripts and rerun
// command. The page (harness/report/html/report.html, compiled in) renders from data blocks this
// writer fills in: case rows up front, each case's details in chunks the page parses only when a
// case is opened, so the full interop matrix (tens of thousands of cases) loads quickly.
#include <string>
#include <vector>

#include "report/run_info.hpp"
#include "scenario/clauses.hpp"

namespace zconform {

inline constexpr size_t kHtmlDetailChunk = 500;  // cases per lazily parsed details block

std::string make_html_report(const RunInfo& run, const std::vector<CaseResult>& results,
                             const ClauseCatalogue& catalogue);

}  // namespace zconform
