#include "agent/implementation.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "test_files.hpp"
#include "util/yaml_errors.hpp"

using namespace zconform;

namespace {
const PathVariables kVars{"/opt/build", "/opt/src"};
}

TEST(Implementation, LoadsAndExpandsVariables) {
  TempDir dir;
  auto file = dir.write("mine.yaml",
                        "name: mine\n"
                        "description: test\n"
                        "argv: [valgrind, \"${BUILD_DIR}/agents/a\", \"--x=${SOURCE_DIR}\"]\n"
                        "env: {LD_PRELOAD: \"${IMPL_DIR}/x.so\"}\n"
                        "cwd: /tmp\n");
  Implementation impl = load_implementation_file(file, kVars);
  EXPECT_EQ(impl.name, "mine");
  ASSERT_EQ(impl.argv.size(), 3u);
  EXPECT_EQ(impl.argv[1], "/opt/build/agents/a");
  EXPECT_EQ(impl.argv[2], "--x=/opt/src");
  EXPECT_EQ(impl.env.at("LD_PRELOAD"), (dir.path / "x.so").string());
  EXPECT_EQ(impl.working_dir, "/tmp");
}

// Every mistake names the file and the line where it is.
TEST(Implementation, ErrorsNameFileAndLine) {
  struct Bad {
    const char* text;
    const char* line;
    const char* words;
  } cases[] = {
      {"name: x\nargv: [a]\narg: [b]\n", ":3:", "unknown field 'arg'"},
      {"name: x\nargv: []\n", ":2:", "non-empty list"},
      {"name: x\n", ":1:", "missing field 'argv'"},
      {"name: x\nargv: [\"${NOPE}/a\"]\n", ":2:", "unknown variable"},
      {"name: x\nargv: [a\n", ":", "YAML syntax error"},
      {"name: x y\nargv: [a]\n", ":1:", "spaces"},
      {"name: x\nargv: [a]\nenv: [1]\n", ":3:", "'env'"},
  };
  for (const auto& bad : cases) {
    TempDir dir;
    auto file = dir.write("bad.yaml", bad.text);
    expect_file_error([&] { load_implementation_file(file, kVars); }, file.string() + bad.line,
                      bad.words);
  }
}

TEST(Implementation, RegistryListsNamesWhenOneIsMissing) {
  TempDir dir;
  dir.write("alpha.yaml", "name: alpha\nargv: [a]\n");
  dir.write("beta.yaml", "name: gamma\nargv: [a]\n");
  EXPECT_EQ(load_registered_implementation(dir.path, "alpha", kVars).name, "alpha");
  try {
    load_registered_implementation(dir.path, "zeta", kVars);
    ADD_FAILURE();
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find("alpha beta"), std::string::npos) << e.what();
  }
  EXPECT_THROW(load_registered_implementation(dir.path, "beta", kVars),
               FileError);  // name mismatch
}
