#include "cli/console_output.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "report/run_info.hpp"
#include "report/summary_markdown.hpp"

namespace zconform {
namespace {

bool env_set(const char* name) {
  const char* value = std::getenv(name);
  return value && *value;
}

const char* colour_of(Verdict verdict, bool accepted) {
  if (accepted && verdict != Verdict::pass) return "\033[2m";  // known failure: dimmed
  switch (verdict) {
    case Verdict::pass: return "\033[32m";
    case Verdict::fail: return "\033[1;31m";
    case Verdict::non_strict: return "\033[33m";
    case Verdict::informational: return "\033[36m";
    case Verdict::unsupported: return "\033[2m";
    case Verdict::error: return "\033[1;35m";
    case Verdict::flaky: return "\033[1;33m";
  }
  return "";
}

}  // namespace

ConsoleOutput::ConsoleOutput(size_t total, bool quiet, const ClauseCatalogue& catalogue)
    : total_(total),
      quiet_(quiet),
      catalogue_(catalogue),
      started_(std::chrono::steady_clock::now()) {
  const bool terminal = ::isatty(STDOUT_FILENO) == 1;
  // https://no-color.org: NO_COLOR set and not empty turns colour off.
  colour_ = terminal && !env_set("NO_COLOR") && std::getenv("TERM") &&
            std::string(std::getenv("TERM")) != "dumb";
  progress_ = terminal && !env_set("CI");
}

std::string ConsoleOutput::painted(const std::string& text, Verdict verdict, bool accepted) const {
  if (!colour_) return text;
  return std::string(colour_of(verdict, accepted)) + text + "\033[0m";
}

void ConsoleOutput::clear_progress() {
  if (progress_shown_) std::cout << "\r\033[K";
  progress_shown_ = false;
}

void ConsoleOutput::draw_progress() {
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_)
          .count();
  std::ostringstream line;
  line << "[" << done_ << "/" << total_ << "] " << (total_ ? 100 * done_ / total_ : 100) << "%, "
       << seconds << " s, " << regressions_ << (regressions_ == 1 ? " regression" : " regressions");
  std::cout << "\r\033[K" << line.str() << std::flush;
  progress_shown_ = true;
}

void ConsoleOutput::on_result(const CaseResult& r, size_t done) {
  done_ = done;
  regressions_ += is_regression(r);
  const bool accepted =
      r.verdict == Verdict::pass || r.verdict == Verdict::unsupported || r.baseline_known;
  clear_progress();
  if (!(quiet_ && accepted && !r.baseline_unexpected_pass)) {
    std::string label(to_string(r.verdict));
    if (r.baseline_known) label += " (known)";
    if (r.baseline_unexpected_pass) label += " (unexpected)";
    std::ostringstream line;
    line << "[" << std::setw(4) << done << "/" << total_ << "] "
         << painted(label + std::string(label.size() < 17 ? 17 - label.size() : 1, ' '), r.verdict,
                    accepted)
         << r.id << " (" << static_cast<long>(r.duration_ms) << " ms)\n";
    if (r.baseline_known || r.baseline_unexpected_pass) {
      line << "        baseline: " << r.baseline_clause << ": " << r.baseline_reason << "\n";
    }
    if (r.verdict != Verdict::pass && !r.baseline_known) {
      line << "        clauses:";
      if (r.clauses.size() == 1) {
        line << "  " << clause_with_text(r.clauses.front(), catalogue_) << "\n";
      } else {
        line << "\n";
        for (const auto& c : r.clauses)
          line << "          " << clause_with_text(c, catalogue_) << "\n";
      }
      line << "        step:     " << r.step << "\n        expected: " << r.expected
           << "\n        actual:   " << r.actual << "\n        rerun:    " << r.rerun << "\n";
    }
    std::cout << line.str();
  }
  if (progress_) {
    draw_progress();
  } else {
    std::cout << std::flush;
  }
}

void ConsoleOutput::finish() {
  clear_progress();
  std::cout << std::flush;
}

}  // namespace zconform
