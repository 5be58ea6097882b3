#pragma once
// --repeat: a case played several times in a row. A verdict that changes between runs is the
// most expensive kind of CI failure (it goes red at random), so it gets a verdict of its own,
// flaky, with the verdict of every run.
#include "run/case_runner.hpp"

namespace zconform {

// Plays `spec` `runs` times (at least once). Every run with one verdict: the first run's result.
// Otherwise: the first run that did not pass, with verdict flaky and `verdicts` listing them all.
CaseResult play_repeatedly(CaseRunner& runner, const CaseSpec& spec, size_t number, int runs);

}  // namespace zconform
