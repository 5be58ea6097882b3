#include "scenario/clauses.hpp"

#include <fstream>
#include <regex>
#include <sstream>

#include "util/yaml_errors.hpp"

namespace zconform {

std::string to_string(ClauseLevel level) {
  switch (level) {
    case ClauseLevel::must: return "MUST";
    case ClauseLevel::should: return "SHOULD";
    case ClauseLevel::may: return "MAY";
    case ClauseLevel::doc: return "DOC";
    case ClauseLevel::impl: return "IMPL";
    case ClauseLevel::unspecified: return "";
  }
  return "";
}

namespace {

ClauseLevel parse_level(const std::string& word) {
  // "MAY/MUST" counts as its stronger half.
  if (word == "MUST" || word == "MAY/MUST") return ClauseLevel::must;
  if (word == "SHOULD") return ClauseLevel::should;
  if (word == "MAY") return ClauseLevel::may;
  if (word == "DOC") return ClauseLevel::doc;
  if (word == "IMPL") return ClauseLevel::impl;
  return ClauseLevel::unspecified;
}

}  // namespace

ClauseCatalogue ClauseCatalogue::parse(const std::string& markdown_text) {
  // A clause line: "- GREET-01 MUST W: text"; error-code lines omit level and mode:
  // "- ERR-01 EFSM: text", or have no colon at all: "- ERR-08 ETERM, EHOSTUNREACH ... as in
  // CTX-01".
  static const std::regex clause_line(R"(^- ([A-Z][A-Z0-9]*-[0-9]+) ([^:]*): (.*)$)");
  static const std::regex plain_line(R"(^- ([A-Z][A-Z0-9]*-[0-9]+) (.*)$)");
  static const std::regex section_line(R"(^## (.*)$)");
  ClauseCatalogue catalogue;
  std::istringstream in(markdown_text);
  std::string line, section;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_match(line, m, section_line)) {
      section = m[1];
    } else if (std::regex_match(line, m, clause_line)) {
      Clause c;
      c.id = m[1];
      std::istringstream words(m[2].str());
      std::string level, mode;
      words >> level >> mode;
      c.level = parse_level(level);
      c.mode = c.level == ClauseLevel::unspecified ? "" : mode;
      c.text = c.level == ClauseLevel::unspecified ? m[2].str() + ": " + m[3].str() : m[3].str();
      c.section = section;
      catalogue.clauses_[c.id] = std::move(c);
    } else if (std::regex_match(line, m, plain_line)) {
      catalogue.clauses_[m[1]] = Clause{m[1], ClauseLevel::unspecified, "", m[2], section};
    }
  }
  return catalogue;
}

ClauseCatalogue ClauseCatalogue::load(const std::filesystem::path& markdown) {
  std::ifstream in(markdown);
  if (!in) throw FileError(markdown.string() + ": cannot read the clause catalogue");
  std::stringstream text;
  text << in.rdbuf();
  ClauseCatalogue catalogue = parse(text.str());
  if (catalogue.clauses_.empty()) throw FileError(markdown.string() + ": holds no clause lines");
  return catalogue;
}

const Clause* ClauseCatalogue::find(const std::string& id) const {
  auto it = clauses_.find(id);
  return it == clauses_.end() ? nullptr : &it->second;
}

}  // namespace zconform
