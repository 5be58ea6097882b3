#include "gate/baseline.hpp"

#include "scenario/expansion.hpp"
#include "util/yaml_reader.hpp"

namespace zconform {

Baseline Baseline::load(const std::filesystem::path& file, const ClauseCatalogue& clauses) {
  const YamlReader r(file);
  YAML::Node root = load_yaml_file(file);
  r.only_keys(root, {"implementation", "known"});
  Baseline baseline;
  baseline.file = file;
  YAML::Node known = root["known"];
  if (!known || !known.IsSequence())
    r.fail(root, "missing list 'known' (it may be empty: known: [])");
  for (const auto& node : known) {
    r.only_keys(node, {"cases", "verdict", "clause", "reason"});
    BaselineEntry e;
    e.line = node.Mark().line + 1;
    // One glob, or a list of them.
    if (node["cases"] && node["cases"].IsSequence())
      e.cases = r.required_texts(node, "cases");
    else
      e.cases = {r.required_text(node, "cases")};
    e.clause = r.required_text(node, "clause");
    e.reason = r.required_text(node, "reason");
    if (!clauses.find(e.clause) && e.clause.rfind("X-", 0) != 0) {
      r.fail(node["clause"], "clause '" + e.clause + "' is not in CLAUSES.md");
    }
    const std::string verdict = node["verdict"] ? node["verdict"].Scalar() : "fail";
    if (verdict == "fail")
      e.verdict = Verdict::fail;
    else if (verdict == "non-strict")
      e.verdict = Verdict::non_strict;
    else
      r.fail(node["verdict"],
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
