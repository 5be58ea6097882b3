#include "report/report_diff.hpp"

#include <sstream>
#include <unordered_map>

#include "report/summary_markdown.hpp"

namespace zconform {
namespace {

using Kind = CaseChange::Kind;
constexpr Kind kKinds[] = {Kind::regression, Kind::fix, Kind::changed, Kind::added, Kind::removed};

std::string verdict_label(const CaseResult& r) {
  std::string label(to_string(r.verdict));
  if (r.baseline_known) label += " (known)";
  return label;
}

bool failing(const CaseResult& r) {
  return r.verdict == Verdict::fail || r.verdict == Verdict::error || r.verdict == Verdict::flaky ||
         r.verdict == Verdict::non_strict;
}

}  // namespace

std::string_view to_string(CaseChange::Kind kind) {
  switch (kind) {
    case Kind::regression: return "regression";
    case Kind::fix: return "fix";
    case Kind::changed: return "changed";
    case Kind::added: return "new";
    case Kind::removed: return "removed";
  }
  return "changed";
}

int ReportDiff::count(CaseChange::Kind kind) const {
  int n = 0;
  for (const auto& c : changes) n += c.kind == kind;
  return n;
}

ReportDiff diff_reports(const std::vector<CaseResult>& old_results,
                        const std::vector<CaseResult>& new_results) {
  ReportDiff diff;
  std::unordered_map<std::string, const CaseResult*> old_by_id;
  for (const auto& r : old_results) old_by_id[r.id] = &r;
  std::unordered_map<std::string, bool> seen;
  auto add = [&diff](CaseChange change) {
    ++diff.per_leg[change.leg][change.kind];
    diff.changes.push_back(std::move(change));
  };
  for (const auto& now : new_results) {
    seen[now.id] = true;
    auto found = old_by_id.find(now.id);
    if (found == old_by_id.end()) {
      add({is_regression(now) ? Kind::regression : Kind::added, now.id, leg_name(now), "",
           verdict_label(now), now.actual});
      continue;
    }
    const CaseResult& before = *found->second;
    if (verdict_label(before) == verdict_label(now)) continue;
    Kind kind = Kind::changed;
    if (is_regression(now) && !is_regression(before))
      kind = Kind::regression;
    else if (now.verdict == Verdict::pass && failing(before))
      kind = Kind::fix;
    add({kind, now.id, leg_name(now), verdict_label(before), verdict_label(now), now.actual});
  }
  for (const auto& before : old_results) {
    if (!seen.count(before.id))
      add({Kind::removed, before.id, leg_name(before), verdict_label(before), "", before.actual});
  }
  return diff;
}

std::string format_diff(const ReportDiff& diff, const std::string& old_name,
                        const std::string& new_name, bool markdown) {
  std::ostringstream out;
  if (markdown) {
    out << "## zconform diff: " << diff.count(Kind::regression) << " regressions, "
        << diff.count(Kind::fix) << " fixes\n\n`" << old_name << "` → `" << new_name << "`\n\n";
    if (!diff.per_leg.empty()) {
      out << "| implementation |";
      for (Kind k : kKinds) out << " " << to_string(k) << " |";
      out << "\n|---|---:|---:|---:|---:|---:|\n";
      for (const auto& [leg, counts] : diff.per_leg) {
        out << "| " << leg << " |";
        for (Kind k : kKinds) out << " " << (counts.count(k) ? counts.at(k) : 0) << " |";
        out << "\n";
      }
    }
    for (Kind k : kKinds) {
      bool heading = false;
      for (const auto& c : diff.changes) {
        if (c.kind != k) continue;
        if (!heading) out << "\n### " << to_string(k) << "\n\n";
        heading = true;
        out << "- `" << c.id << "`: " << (c.old_verdict.empty() ? "(absent)" : c.old_verdict)
            << " → " << (c.new_verdict.empty() ? "(absent)" : c.new_verdict);
        if (k == Kind::regression && !c.actual.empty()) out << ": " << c.actual.substr(0, 240);
        out << "\n";
      }
    }
    if (diff.changes.empty()) out << "No case changed its verdict.\n";
    return out.str();
  }
  out << "zconform diff " << old_name << " -> " << new_name << "\n";
  for (const auto& c : diff.changes) {
    out << std::string(to_string(c.kind)) << std::string(12 - to_string(c.kind).size(), ' ') << c.id
        << "  " << (c.old_verdict.empty() ? "(absent)" : c.old_verdict) << " -> "
        << (c.new_verdict.empty() ? "(absent)" : c.new_verdict) << "\n";
    if (c.kind == Kind::regression && !c.actual.empty())
      out << "            actual: " << c.actual.substr(0, 300) << "\n";
  }
  out << "\nper implementation:";
  for (Kind k : kKinds) out << " " << to_string(k);
  out << "\n";
  for (const auto& [leg, counts] : diff.per_leg) {
    out << "  " << leg << ":";
    for (Kind k : kKinds) out << " " << (counts.count(k) ? counts.at(k) : 0);
    out << "\n";
  }
  out << diff.count(Kind::regression) << " regressions, " << diff.count(Kind::fix) << " fixes, "
      << diff.count(Kind::changed) << " other changes, " << diff.count(Kind::added)
      << " new cases, " << diff.count(Kind::removed) << " removed cases\n";
  return out.str();
}

}  // namespace zconform
