#include "util/yaml_errors.hpp"

#include <fstream>
#include <sstream>

namespace zconform {

void fail_at(const std::filesystem::path& file, const YAML::Mark& mark, std::string_view message) {
  std::string where = file.string();
  if (!mark.is_null()) where += ":" + std::to_string(mark.line + 1);
  throw FileError(where + ": " + std::string(message));
}

YAML::Node load_yaml_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw FileError(file.string() + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  try {
    YAML::Node root = YAML::Load(text.str());
    if (!root.IsMap()) fail_at(file, root.Mark(), "expected a mapping of fields at the top level");
    return root;
  } catch (const YAML::Exception& e) {
    fail_at(file, e.mark, "YAML syntax error: " + e.msg);
  }
}

}  // namespace zconform
