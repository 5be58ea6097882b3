#pragma once
// The clause catalogue (conformance/spec/CLAUSES.md, a copy of the team's shared checklist): every
// case cites clause IDs from it, and a clause's level decides how a failure counts: a broken
// SHOULD is NON-STRICT, not FAIL.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace zconform {

enum class ClauseLevel { must, should, may, doc, impl, unspecified };

struct Clause {
  std::string id;  // GREET-01
  ClauseLevel level;
  std::string mode;  // W, A, W/A
  std::string text;  // the summary after the colon
  std::string section;
};

class ClauseCatalogue {
 public:
  static ClauseCatalogue load(const std::filesystem::path& markdown);  // throws FileError
  static ClauseCatalogue parse(const std::string& markdown_text);

  const Clause* find(const std::string& id) const;
  const std::map<std::string, Clause>& all() const { return clauses_; }

 private:
  std::map<std::string, Clause> clauses_;
};

std::string to_string(ClauseLevel level);

}  // namespace zconform
