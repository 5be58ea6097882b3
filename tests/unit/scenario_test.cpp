#include <gtest/gtest.h>

#include <fstream>

#include "scenario/expansion.hpp"
#include "scenario/loader.hpp"
#include "test_files.hpp"
#include "util/yaml_errors.hpp"

using namespace zconform;

namespace {

const ClauseCatalogue& catalogue() {
  static ClauseCatalogue c = ClauseCatalogue::parse(
      "## 2 Framing\n"
      "- FRAME-05 MUST W/A: zero-length frames are legal.\n"
      "- TYPE-02 SHOULD W: on an invalid type, send ERROR.\n"
      "- ERR-01 EFSM: REQ/REP out of order.\n");
  return c;
}

const char* kGood =
    "id: demo.one\n"
    "title: demo\n"
    "clauses: [FRAME-05]\n"
    "pairings: [PUSH-PULL, PAIR-PAIR]\n"
    "transports: [tcp, inproc]\n"
    "steps:\n"
    "  - link: [a, b]\n"
    "  - send: {socket: a, frames: [\"x\", \"\", {hex: \"00ff\"}, {size: 3, fill: \"ab\"}]}\n"
    "  - recv: {socket: b, frames: [\"x\"]}\n"
    "  - recv: {socket: b, error: EAGAIN, timeout_ms: 0}\n"
    "  - set: {socket: a, option: linger, value: 0}\n";

}  // namespace

TEST(Clauses, ParsesLevelsAndLinesWithoutLevel) {
  const auto& c = catalogue();
  ASSERT_NE(c.find("FRAME-05"), nullptr);
  EXPECT_EQ(c.find("FRAME-05")->level, ClauseLevel::must);
  EXPECT_EQ(c.find("FRAME-05")->mode, "W/A");
  EXPECT_EQ(c.find("TYPE-02")->level, ClauseLevel::should);
  EXPECT_EQ(c.find("ERR-01")->level, ClauseLevel::unspecified);
  EXPECT_EQ(c.find("NOPE-01"), nullptr);
}

TEST(Clauses, TheProjectCatalogueHoldsEverySection) {
  auto c = ClauseCatalogue::load(std::filesystem::path(ZCONFORM_SOURCE_DIR) / "conformance/spec/CLAUSES.md");
  EXPECT_GT(c.all().size(), 80u);
  EXPECT_EQ(c.find("GREET-01")->level, ClauseLevel::must);
  EXPECT_EQ(c.find("MON-01")->level, ClauseLevel::doc);
}

TEST(Scenario, LoadsStepsAndFrames) {
  TempDir dir;
  Scenario s = load_scenario_file(dir.write("s.yaml", kGood), catalogue());
  EXPECT_EQ(s.id, "demo.one");
  ASSERT_EQ(s.steps.size(), 5u);
  EXPECT_EQ(s.steps[0].kind, StepKind::link);
  EXPECT_EQ(s.steps[1].frames, (Frames{"x", "", std::string("\0\xff", 2), "aba"}));
  EXPECT_EQ(s.steps[1].line, 8);
  EXPECT_EQ(*s.steps[3].error, "EAGAIN");
  EXPECT_EQ(s.steps[4].value, 0);
}

TEST(Scenario, ErrorsNameFileAndLine) {
  struct Bad {
    std::string from, to;
    const char* line;
    const char* words;
  } cases[] = {
      {"clauses: [FRAME-05]", "clauses: [FRAME-99]", ":3:", "not in CLAUSES.md"},
      {"pairings: [PUSH-PULL, PAIR-PAIR]", "pairings: [PUSH-PULLL]", ":4:", "pairing 'PUSH-PULLL'"},
      {"transports: [tcp, inproc]", "transports: [tcp, carrier-pigeon]", ":5:", "unknown transport"},
      {"  - link: [a, b]", "  - link: [a, c]", ":7:", "unknown socket 'c'"},
      {"  - link: [a, b]", "  - jump: [a, b]", ":7:", "unknown step 'jump'"},
      {"{hex: \"00ff\"}", "{hex: \"0ff\"}", ":8:", "hex"},
      {"error: EAGAIN, timeout_ms: 0", "error: EAGAIN, timeout_ms: soon", ":10:", "integer"},
      {"frames: [\"x\"]}", "frames: [\"x\"], error: EAGAIN}", ":9:", "not both"},
      {"title: demo", "title: demo\ncolour: blue", ":3:", "unknown field 'colour'"},
      {"id: demo.one", "id: Demo One", ":1:", "id must match"},
  };
  for (const auto& bad : cases) {
    std::string text = kGood;
    auto at = text.find(bad.from);
    ASSERT_NE(at, std::string::npos) << bad.from;
    text.replace(at, bad.from.size(), bad.to);
    TempDir dir;
    auto file = dir.write("bad.yaml", text);
    try {
      load_scenario_file(file, catalogue());
      ADD_FAILURE() << "accepted: " << bad.to;
    } catch (const FileError& e) {
      std::string what = e.what();
      EXPECT_NE(what.find(file.string() + bad.line), std::string::npos) << what;
      EXPECT_NE(what.find(bad.words), std::string::npos) << what;
    }
  }
}

TEST(Scenario, LocalClausesNeedAnXIdAndASource) {
  std::string text = kGood;
  text.replace(text.find("clauses: [FRAME-05]"), 19, "clauses: [X-DEMO-01]\nlocal_clauses: {X-DEMO-01: \"libzmq doc\"}");
  TempDir dir;
  EXPECT_EQ(load_scenario_file(dir.write("ok.yaml", text), catalogue()).clauses[0], "X-DEMO-01");
}

TEST(Scenario, DirectoryLoadKeepsGoodFilesAndReportsBadOnes) {
  TempDir dir;
  dir.write("a/good.yaml", kGood);
  dir.write("b/bad.yaml", "id: [\n");
  std::string twin = kGood;
  dir.write("c/twin.yaml", twin);
  ScenarioSet set = load_scenario_dir(dir.path, catalogue());
  EXPECT_EQ(set.scenarios.size(), 1u);
  ASSERT_EQ(set.errors.size(), 2u);
  EXPECT_NE(set.errors[0].find("bad.yaml"), std::string::npos);
  EXPECT_NE(set.errors[1].find("is taken by"), std::string::npos);
}

TEST(Expansion, CrossesPairingsTransportsAndDirectionsWithStableIds) {
  TempDir dir;
  std::vector<Scenario> scenarios{load_scenario_file(dir.write("s.yaml", kGood), catalogue())};
  auto cases = expand_cases(scenarios);
  std::vector<std::string> ids;
  for (const auto& c : cases) ids.push_back(c.id);
  EXPECT_EQ(ids, (std::vector<std::string>{
                     "demo.one/PUSH-PULL/tcp/PULL-binds", "demo.one/PUSH-PULL/tcp/PUSH-binds",
                     "demo.one/PUSH-PULL/inproc/PULL-binds", "demo.one/PUSH-PULL/inproc/PUSH-binds",
                     "demo.one/PAIR-PAIR/tcp/PAIR-binds", "demo.one/PAIR-PAIR/inproc/PAIR-binds"}));
  EXPECT_EQ(cases[1].binder, Role::a);
  EXPECT_EQ(cases[1].socket_type("b"), "PULL");
}

TEST(Expansion, GlobFilterMatchesAcrossSlashes) {
  EXPECT_TRUE(case_matches("demo.one/PUSH-PULL/tcp/PULL-binds", ""));
  EXPECT_TRUE(case_matches("demo.one/PUSH-PULL/tcp/PULL-binds", "demo.*"));
  EXPECT_TRUE(case_matches("demo.one/PUSH-PULL/tcp/PULL-binds", "*/tcp/*"));
  EXPECT_FALSE(case_matches("demo.one/PUSH-PULL/tcp/PULL-binds", "*/ipc/*"));
  EXPECT_TRUE(case_matches("demo.one/PUSH-PULL/tcp/PULL-binds", "demo.one/PUSH-PULL/tcp/PULL-binds"));
}

// conformance/spec/CLAUSES.md is a copy of the team's checklist so that a clone works alone;
// this keeps the copy from drifting when the original is beside the project.
TEST(Clauses, CopyMatchesTheSharedChecklist) {
  std::filesystem::path shared = std::filesystem::path(ZCONFORM_SOURCE_DIR) / "../shared/spec/CLAUSES.md";
  if (!std::filesystem::exists(shared)) GTEST_SKIP() << "no ../shared beside the project";
  auto read = [](const std::filesystem::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  EXPECT_EQ(read(std::filesystem::path(ZCONFORM_SOURCE_DIR) / "conformance/spec/CLAUSES.md"), read(shared))
      << "copy ../shared/spec/CLAUSES.md to conformance/spec/CLAUSES.md";
}
