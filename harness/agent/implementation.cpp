#include "agent/implementation.hpp"

#include <algorithm>

#include "util/yaml_reader.hpp"

namespace zconform {
namespace {

std::string expand_variables(const std::filesystem::path& file, const YAML::Node& where,
                             std::string text, const PathVariables& vars) {
  const YamlReader r(file);
  const std::pair<std::string, std::string> known[] = {
      {"${BUILD_DIR}", vars.build_dir.string()},
      {"${SOURCE_DIR}", vars.source_dir.string()},
      {"${IMPL_DIR}", std::filesystem::absolute(file).parent_path().string()},
  };
  for (const auto& [name, value] : known) {
    for (size_t at = text.find(name); at != std::string::npos;
         at = text.find(name, at + value.size())) {
      text.replace(at, name.size(), value);
    }
  }
  if (auto at = text.find("${"); at != std::string::npos) {
    r.fail(where,
           "unknown variable in '" + text + "' (known: ${BUILD_DIR}, ${SOURCE_DIR}, ${IMPL_DIR})");
  }
  return text;
}

}  // namespace

Implementation load_implementation_file(const std::filesystem::path& file,
                                        const PathVariables& vars) {
  const YamlReader r(file);
  YAML::Node root = load_yaml_file(file);
  r.only_keys(root, {"name", "description", "argv", "env", "cwd"});

  Implementation impl;
  impl.source_file = file;
  impl.name = r.required_text(root, "name");
  if (impl.name.find_first_of(" /\\*?[") != std::string::npos) {
    r.fail(root["name"], "field 'name' must not contain spaces, slashes or glob characters");
  }
  if (YAML::Node d = root["description"]; d && d.IsScalar()) impl.description = d.Scalar();

  YAML::Node argv = root["argv"];
  for (const auto& arg : r.required_texts(root, "argv")) {
    impl.argv.push_back(expand_variables(file, argv, arg, vars));
  }

  if (YAML::Node env = root["env"]) {
    if (!env.IsMap()) r.fail(env, "field 'env' must map variable names to strings");
    for (const auto& entry : env) {
      if (!entry.second.IsScalar()) {
        r.fail(entry.second, "env value of '" + entry.first.Scalar() + "' must be a string");
      }
      impl.env[entry.first.Scalar()] =
          expand_variables(file, entry.second, entry.second.Scalar(), vars);
    }
  }
  if (YAML::Node cwd = root["cwd"]) {
    if (!cwd.IsScalar()) r.fail(cwd, "field 'cwd' must be a directory path");
    impl.working_dir = expand_variables(file, cwd, cwd.Scalar(), vars);
  }
  return impl;
}

std::vector<std::string> registered_implementation_names(
    const std::filesystem::path& registry_dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(registry_dir, ec)) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

Implementation load_registered_implementation(const std::filesystem::path& registry_dir,
                                              const std::string& name, const PathVariables& vars) {
  std::filesystem::path file = registry_dir / (name + ".yaml");
  if (!std::filesystem::exists(file)) {
    std::string known;
    for (const auto& n : registered_implementation_names(registry_dir)) known += " " + n;
    throw FileError("no implementation named '" + name + "' in " + registry_dir.string() +
                    " (registered:" + (known.empty() ? " none" : known) +
                    "); use --impl-file PATH for your own file");
  }
  Implementation impl = load_implementation_file(file, vars);
  if (impl.name != name) {
    fail_at(file, YAML::Mark::null_mark(),
            "declares name '" + impl.name + "' but its file name says '" + name + "'");
  }
  return impl;
}

}  // namespace zconform
