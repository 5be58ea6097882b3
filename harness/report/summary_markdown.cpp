#include "report/summary_markdown.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

namespace zconform {
namespace {

// Markdown table cells and link texts: a '|' would split the cell, a newline end the table.
std::string cell(std::string text, size_t max = 200) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  if (out.size() > max) out = out.substr(0, max - 3) + "...";
  return out;
}

std::string case_link(const CaseResult& r) {
  return "[`" + cell(r.id) + "`](" + html_report_link(r) + ")";
}

}  // namespace

std::string html_report_link(const CaseResult& r) {
  auto encoded = [](const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
        out += static_cast<char>(c);
      } else {
        out += '%';
        out += hex[c >> 4];
        out += hex[c & 15];
      }
    }
    return out;
  };
  return "report.html#case=" + encoded(r.id) + "&leg=" + encoded(leg_name(r));
}

std::string clause_with_text(const std::string& id, const ClauseCatalogue& catalogue,
                             size_t max_text) {
  const Clause* clause = catalogue.find(id);
  if (!clause) return id;
  std::string text = clause->text;
  if (text.size() > max_text) text = text.substr(0, max_text - 3) + "...";
  return id + " (" + to_string(clause->level) + ": " + text + ")";
}

std::string leg_name(const CaseResult& r) {
  if (r.implementations.size() != 2 || r.implementations[0] == r.implementations[1])
    return r.implementations.empty() ? "" : r.implementations[0];
  return r.implementations[0] + "+" + r.implementations[1];
}

std::string make_summary_markdown(const RunInfo& run, const std::vector<CaseResult>& results,
                                  const ClauseCatalogue& catalogue) {
  std::ostringstream md;
  const BaselineCounts baseline = count_baseline(results);
  std::string versions;
  for (const auto& impl : run.implementations)
    versions += (versions.empty() ? "" : ", ") + impl.name +
                (impl.version.empty() ? "" : " " + impl.version);
  md << "## zconform: " << (baseline.regressions ? "❌ " : "✅ ") << baseline.regressions
     << (baseline.regressions == 1 ? " regression" : " regressions") << " in " << results.size()
     << " cases (" << versions << ")\n\n";

  // Totals per implementation alone, then per pair, in the order they first appear.
  std::vector<std::string> legs;
  std::map<std::string, std::map<Verdict, int>> counts;
  std::map<std::string, BaselineCounts> gate;
  for (const auto& r : results) {
    const std::string leg = leg_name(r);
    if (!counts.count(leg)) legs.push_back(leg);
    ++counts[leg][r.verdict];
    gate[leg].known_failures += r.baseline_known;
    gate[leg].regressions += is_regression(r);
    gate[leg].unexpected_passes += r.baseline_unexpected_pass;
  }
  md << "| implementation | cases | pass | regressions | known | non-strict | informational | "
        "unsupported | error | flaky |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& leg : legs) {
    auto& c = counts[leg];
    int total = 0;
    for (const auto& [v, n] : c) total += n;
    md << "| " << cell(leg) << " | " << total << " | " << c[Verdict::pass] << " | "
       << gate[leg].regressions << " | " << gate[leg].known_failures << " | "
       << c[Verdict::non_strict] << " | " << c[Verdict::informational] << " | "
       << c[Verdict::unsupported] << " | " << c[Verdict::error] << " | " << c[Verdict::flaky]
       << " |\n";
  }

  auto list = [&](const std::string& heading, auto keep, auto describe) {
    std::vector<const CaseResult*> chosen;
    for (const auto& r : results) {
      if (keep(r)) chosen.push_back(&r);
    }
    if (chosen.empty()) return;
    md << "\n### " << heading << " (" << chosen.size() << ")\n\n";
    const size_t shown = std::min<size_t>(chosen.size(), 25);
    for (size_t i = 0; i < shown; ++i) md << "- " << describe(*chosen[i]) << "\n";
    if (shown < chosen.size())
      md << "- ... and " << chosen.size() - shown << " more in report.html\n";
  };
  list(
      "Regressions", [](const CaseResult& r) { return is_regression(r); },
      [&](const CaseResult& r) {
        std::string clauses;
        for (const auto& id : r.clauses)
          clauses += (clauses.empty() ? "" : "; ") + clause_with_text(id, catalogue, 100);
        return "**" + std::string(to_string(r.verdict)) + "** " + case_link(r) + ": " +
               cell(r.actual, 240) + " (expected " + cell(r.expected, 120) + "). " +
               cell(clauses, 400);
      });
  list(
      "Unexpected passes (remove them from the baseline)",
      [](const CaseResult& r) { return r.baseline_unexpected_pass; },
      [&](const CaseResult& r) {
        return case_link(r) + ": the baseline expects " + cell(r.baseline_clause) + ": " +
               cell(r.baseline_reason, 160);
      });
  list(
      "Flaky", [](const CaseResult& r) { return r.verdict == Verdict::flaky; },
      [&](const CaseResult& r) { return case_link(r) + ": " + cell(r.actual, 240); });

  std::vector<const CaseResult*> slowest;
  for (const auto& r : results) slowest.push_back(&r);
  const size_t top = std::min<size_t>(5, slowest.size());
  std::partial_sort(
      slowest.begin(), slowest.begin() + top, slowest.end(),
      [](const CaseResult* a, const CaseResult* b) { return a->duration_ms > b->duration_ms; });
  if (top) {
    md << "\n### Slowest cases\n\n| ms | case | verdict |\n|---:|---|---|\n";
    for (size_t i = 0; i < top; ++i) {
      md << "| " << static_cast<long>(slowest[i]->duration_ms) << " | " << case_link(*slowest[i])
         << " | " << to_string(slowest[i]->verdict) << " |\n";
    }
  }
  md << "\nFull report: [report.html](report.html) (matrix, clauses, transcripts); "
        "machine-readable: report.json, junit.xml. Run: `"
     << cell(run.command, 300) << "`, " << static_cast<long>(run.duration_ms / 1000) << " s.\n";
  return md.str();
}

}  // namespace zconform
