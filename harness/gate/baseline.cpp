#include "gate/baseline.hpp"

#include "scenario/expansion.hpp"
#include "util/yaml_errors.hpp"

namespace zconform {

Baseline Baseline::load(const std::filesystem::path& file, const ClauseCatalogue& clauses) {
  YAML::Node root = load_yaml_file(file);
  reject_unknown_keys(file, root, {"implementation", "known"});
  Baseline baseline;
  baseline.file = file;
  YAML::Node known = root["known"];
  if (!known || !known.IsSequence())
    fail_at(file, root.Mark(), "missing list 'known' (it may be empty: known: [])");
  for (const auto& node : known) {
    reject_unknown_keys(file, node, {"cases", "verdict", "clause", "reason"});
    BaselineEntry e;
    e.line = node.Mark().line + 1;
    // One glob, or a list of them.
    if (node["cases"] && node["cases"].IsSequence())
      e.cases = require_string_list(file, node, "cases");
    else
      e.cases = {require_scalar(file, node, "cases")};
    e.clause = require_scalar(file, node, "clause");
    e.reason = require_scalar(file, node, "reason");
    if (!clauses.find(e.clause) && e.clause.rfind("X-", 0) != 0) {
      fail_at(file, node["clause"].Mark(), "clause '" + e.clause + "' is not in CLAUSES.md");
    }
    const std::string verdict = node["verdict"] ? node["verdict"].Scalar() : "fail";
    if (verdict == "fail")
      e.verdict = Verdict::fail;
    else if (verdict == "non-strict")
      e.verdict = Verdict::non_strict;
    else
      fail_at(file, node["verdict"].Mark(),
              "a baseline expects verdict fail or non-strict (errors are never baselined)");
    baseline.entries.push_back(std::move(e));
  }
  return baseline;
}

void apply_baseline(const Baseline& baseline, CaseResult& r) {
  for (const auto& e : baseline.entries) {
    bool named = false;
    for (const auto& glob : e.cases) named = named || case_matches(r.id, glob);
    if (!named) continue;
    r.baseline_reason = e.reason;
    r.baseline_clause = e.clause;
    r.baseline_known = r.verdict == e.verdict;
    r.baseline_unexpected_pass = r.verdict == Verdict::pass;
    return;
  }
}

}  // namespace zconform
