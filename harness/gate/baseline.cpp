#include "gate/baseline.hpp"

#include <algorithm>
#include <set>

#include "scenario/expansion.hpp"
#include "util/yaml_reader.hpp"

namespace zconform {

static bool is_socket_type_name(const std::string& type) {
  static const std::set<std::string> kTypes = {"PAIR",   "PUB",    "SUB",     "REQ",    "REP",
                                               "DEALER", "ROUTER", "PULL",    "PUSH",   "XPUB",
                                               "XSUB",   "STREAM", "SERVER",  "CLIENT", "RADIO",
                                               "DISH",   "GATHER", "SCATTER", "PEER",   "CHANNEL"};
  return kTypes.count(type) > 0;
}

namespace {

// `except: {cases, reason}` (or a list of them): the included findings that do not apply here (a
// bug the binding's own build has fixed). An inherited entry loses the case globs these globs
// match, and is dropped once it has none left.
std::vector<std::string> read_exceptions(const YamlReader& r, const YAML::Node& node) {
  if (!node) return {};
  std::vector<std::string> globs;
  auto read_one = [&](const YAML::Node& one) {
    if (!one.IsMap()) r.fail(one, "'except' is {cases, reason}, or a list of them");
    r.only_keys(one, {"cases", "reason"});
    r.required_text(one, "reason");
    if (one["cases"] && one["cases"].IsSequence()) {
      for (auto& glob : r.required_texts(one, "cases")) globs.push_back(glob);
    } else {
      globs.push_back(r.required_text(one, "cases"));
    }
  };
  if (node.IsSequence()) {
    for (const auto& one : node) read_one(one);
  } else {
    read_one(node);
  }
  return globs;
}

// A binding over another implementation inherits its known failures: `includes` names that
// implementation's baseline (relative to this file) and says why its findings apply here.
void add_included(const YamlReader& r, const YAML::Node& includes, const ClauseCatalogue& clauses,
                  int depth, Baseline& baseline) {
  if (!includes.IsSequence()) r.fail(includes, "'includes' lists {file, reason} mappings");
  for (const auto& node : includes) {
    r.only_keys(node, {"file", "reason", "except"});
    const std::filesystem::path file = r.file().parent_path() / r.required_text(node, "file");
    const std::string why = r.required_text(node, "reason");
    const std::vector<std::string> exceptions = read_exceptions(r, node["except"]);
    if (depth >= 4) r.fail(node, "baselines include each other too deeply (a cycle?)");
    for (auto& e : Baseline::load(file, clauses, depth + 1).entries) {
      std::erase_if(e.cases, [&](const std::string& glob) {
        return std::any_of(exceptions.begin(), exceptions.end(),
                           [&](const std::string& except) { return case_matches(glob, except); });
      });
      if (e.cases.empty()) continue;
      e.reason += " [" + file.filename().string() + ": " + why + "]";
      baseline.entries.push_back(std::move(e));
    }
  }
}

}  // namespace

Baseline Baseline::load(const std::filesystem::path& file, const ClauseCatalogue& clauses,
                        int depth) {
  const YamlReader r(file);
  YAML::Node root = load_yaml_file(file);
  r.only_keys(root, {"implementation", "includes", "known"});
  Baseline baseline;
  baseline.file = file;
  YAML::Node known = root["known"];
  if (!known || !known.IsSequence())
    r.fail(root, "missing list 'known' (it may be empty: known: [])");
  for (const auto& node : known) {
    r.only_keys(node, {"cases", "verdict", "clause", "reason", "plays", "intermittent"});
    BaselineEntry e;
    e.line = node.Mark().line + 1;
    // One glob, or a list of them.
    if (node["cases"] && node["cases"].IsSequence())
      e.cases = r.required_texts(node, "cases");
    else
      e.cases = {r.required_text(node, "cases")};
    if (node["plays"]) {
      e.plays = r.required_texts(node, "plays");
      for (const auto& type : e.plays)
        if (!is_socket_type_name(type))
          r.fail(node["plays"], "'" + type + "' in 'plays' is no socket type (PUSH, ROUTER, ...)");
    }
    if (YAML::Node flag = node["intermittent"]) {
      if (!flag.IsScalar() || (flag.Scalar() != "true" && flag.Scalar() != "false"))
        r.fail(flag, "'intermittent' is true or false");
      e.intermittent = flag.Scalar() == "true";
    }
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
  // After the file's own entries: the first entry that names a case decides, and its own win.
  if (YAML::Node includes = root["includes"]) add_included(r, includes, clauses, depth, baseline);
  return baseline;
}

// Under --repeat an intermittent failure shows as flaky: known when every run either passed or
// failed the way the entry says.
static bool only_passes_and(const std::vector<Verdict>& verdicts, Verdict known) {
  for (Verdict v : verdicts) {
    if (v != Verdict::pass && v != known) return false;
  }
  return !verdicts.empty();
}

bool apply_baseline(const Baseline& baseline, CaseResult& r) {
  return apply_baseline(baseline, r, r.id);
}

bool apply_baseline(const Baseline& baseline, CaseResult& r, const std::string& id,
                    const std::string& played) {
  for (const auto& e : baseline.entries) {
    bool named = false;
    for (const auto& glob : e.cases) named = named || case_matches(id, glob);
    if (!named) continue;
    if (!played.empty() && !e.plays.empty() &&
        std::find(e.plays.begin(), e.plays.end(), played) == e.plays.end())
      continue;
    r.baseline_reason = e.reason;
    r.baseline_clause = e.clause;
    r.baseline_known = r.verdict == e.verdict || (r.verdict == Verdict::flaky && e.intermittent &&
                                                  only_passes_and(r.verdicts, e.verdict));
    r.baseline_unexpected_pass = r.verdict == Verdict::pass && !e.intermittent;
    return true;
  }
  return false;
}

}  // namespace zconform
