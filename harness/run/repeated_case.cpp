#include "run/repeated_case.hpp"

namespace zconform {

CaseResult play_repeatedly(CaseRunner& runner, const CaseSpec& spec, size_t number, int runs) {
  CaseResult first = runner.run(spec, number);
  if (runs <= 1) return first;
  std::vector<Verdict> verdicts{first.verdict};
  std::optional<CaseResult> kept;  // the first run that did not pass: what a reader needs
  if (first.verdict != Verdict::pass) kept = first;
  double total_ms = first.duration_ms;
  for (int run = 2; run <= runs; ++run) {
    CaseResult again = runner.run(spec, number);
    verdicts.push_back(again.verdict);
    total_ms += again.duration_ms;
    if (!kept && again.verdict != Verdict::pass) kept = std::move(again);
  }
  CaseResult result = kept ? std::move(*kept) : std::move(first);
  result.duration_ms = total_ms / runs;
  result.verdicts = verdicts;
  bool same = true;
  for (Verdict v : verdicts) same = same && v == verdicts.front();
  if (!same) {
    std::string seen;
    for (Verdict v : verdicts) seen += (seen.empty() ? "" : ", ") + std::string(to_string(v));
    result.actual = "verdicts over " + std::to_string(runs) + " runs: " + seen +
                    "; the first that did not pass (" + std::string(to_string(result.verdict)) +
                    "): " + result.actual;
    result.expected = "the same verdict in every run; " + result.expected;
    result.verdict = Verdict::flaky;
  }
  return result;
}

}  // namespace zconform
