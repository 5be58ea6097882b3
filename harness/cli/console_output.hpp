#pragma once
// What `zconform run` prints while cases end: a line per case (only failures with --quiet), each
// failure with its clauses' text, step, expected, actual and the command that reruns it; on a
// terminal, verdicts in colour (unless NO_COLOR is set) and a live progress line (not when stdout
// is no terminal, nor under CI, where it would only clutter the log).
#include <chrono>
#include <cstddef>
#include <string>

#include "run/case_result.hpp"
#include "scenario/clauses.hpp"

namespace zconform {

class ConsoleOutput {
 public:
  ConsoleOutput(size_t total, bool quiet, const ClauseCatalogue& catalogue);
  // A case ended; `done` of `total` have. Not thread-safe: the caller serialises.
  void on_result(const CaseResult& result, size_t done);
  // Clears the progress line before the summary is printed.
  void finish();

  bool colour() const { return colour_; }

 private:
  void draw_progress();
  void clear_progress();
  std::string painted(const std::string& text, Verdict verdict, bool accepted) const;

  size_t total_;
  bool quiet_;
  const ClauseCatalogue& catalogue_;
  bool colour_ = false;
  bool progress_ = false;
  bool progress_shown_ = false;
  size_t done_ = 0;
  int regressions_ = 0;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace zconform
