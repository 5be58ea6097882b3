#pragma once
// A baseline: the failures an implementation is known to have, each with its clause and reason
// (conformance/baselines/NAME.yaml). A known failure does not fail the CI gate; a case that
// passes although its baseline expects a failure is an "unexpected pass", reported so the entry
// can go. Errors (the harness or agent broke) are never baselined.
#include <filesystem>
#include <string>
#include <vector>

#include "run/case_result.hpp"
#include "scenario/clauses.hpp"

namespace zconform {

struct BaselineEntry {
  std::vector<std::string> cases;   // globs over case IDs
  Verdict verdict = Verdict::fail;  // fail or non-strict
  std::string clause;               // from CLAUSES.md (or a scenario's X- id)
  std::string reason;               // why, in a sentence a reader of the report understands
  // Socket types the failure is the implementation's on: a pair leg inherits the entry only where
  // the implementation plays one of them (empty: wherever it plays).
  std::vector<std::string> plays;
  // The failure depends on timing inside the implementation (its source says how): it comes in
  // some runs only, so a pass is no reason to drop the entry and is not an unexpected pass.
  bool intermittent = false;
  int line = 0;
};

struct Baseline {
  std::filesystem::path file;
  std::vector<BaselineEntry> entries;

  // Throws FileError. `depth`: how many baselines include this one (a cycle stops at 4).
  static Baseline load(const std::filesystem::path& file, const ClauseCatalogue& clauses,
                       int depth = 0);
};

// Marks a result known or unexpectedly passing (CaseResult::baseline_*) when an entry names it;
// says whether one did. `id`: the ID the entries are matched against (default: the result's);
// `played`: the socket type the baseline's implementation plays in the case, for entries with
// `plays` (empty: the implementation plays every socket).
bool apply_baseline(const Baseline& baseline, CaseResult& result);
bool apply_baseline(const Baseline& baseline, CaseResult& result, const std::string& id,
                    const std::string& played = "");

}  // namespace zconform
