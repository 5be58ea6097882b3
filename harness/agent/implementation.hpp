#pragma once
// An implementation under test is a file, not code: how to start its agent (argv, env, working
// directory). Users add theirs, or wrap an agent in valgrind, a sanitizer build or LD_PRELOAD,
// without recompiling zconform. Format: conformance/implementations/README.md.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace zconform {

struct Implementation {
  std::string name;
  std::string description;
  std::vector<std::string> argv;           // variables already expanded
  std::map<std::string, std::string> env;  // added to zconform's own environment
  std::filesystem::path working_dir;       // empty: zconform's own
  std::filesystem::path source_file;       // where it was defined, for error messages
};

// Values substituted for ${BUILD_DIR} (where zconform and the agents are built),
// ${SOURCE_DIR} (the project root) and ${IMPL_DIR} (the implementation file's directory).
struct PathVariables {
  std::filesystem::path build_dir;
  std::filesystem::path source_dir;
};

// Throws FileError naming file and line for every mistake.
Implementation load_implementation_file(const std::filesystem::path& file,
                                        const PathVariables& vars);

// Finds <registry_dir>/<name>.yaml; the error lists the registered names when there is none.
Implementation load_registered_implementation(const std::filesystem::path& registry_dir,
                                              const std::string& name, const PathVariables& vars);

std::vector<std::string> registered_implementation_names(const std::filesystem::path& registry_dir);

}  // namespace zconform
