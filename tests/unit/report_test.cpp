#include <gtest/gtest.h>

#include <fstream>
#include <pugixml.hpp>

#include "report/json_report.hpp"
#include "report/junit_report.hpp"
#include "report/publish.hpp"
#include "test_files.hpp"

using namespace zconform;

namespace {

CaseResult make_case(const std::string& id, Verdict verdict) {
  CaseResult r;
  r.id = id;
  r.scenario_id = id.substr(0, id.find('/'));
  r.title = "t";
  r.verdict = verdict;
  r.clauses = {"FRAME-05"};
  r.pairing = "PUSH-PULL";
  r.transport = "tcp";
  r.binder = "PULL";
  r.implementations = {"libzmq", "libzmq"};
  r.duration_ms = 12.5;
  if (verdict != Verdict::pass) {
    r.expected = "[\"a\"]";
    r.actual = std::string("EAGAIN \x01 <&>");  // a control char and XML specials
    r.rerun = "zconform run --filter '" + id + "'";
    r.transcript = {"> {}", "< {}"};
  }
  return r;
}

std::vector<CaseResult> sample() {
  return {make_case("s1/PUSH-PULL/tcp/PULL-binds", Verdict::pass),
          make_case("s1/PUSH-PULL/tcp/PUSH-binds", Verdict::fail),
          make_case("s2/PUSH-PULL/tcp/PULL-binds", Verdict::error),
          make_case("s2/PUSH-PULL/ws/PULL-binds", Verdict::unsupported),
          make_case("s3/PUSH-PULL/tcp/PULL-binds", Verdict::non_strict)};
}

RunInfo run_info() {
  RunInfo run;
  run.started_at = "2026-11-24T19:00:00Z";
  run.duration_ms = 1000;
  run.implementations = {{"libzmq", "4.3.4", "libzmq.yaml"}};
  return run;
}

}  // namespace

TEST(JsonReport, HoldsSummaryAndEveryCaseField) {
  auto report = make_json_report(run_info(), sample());
  EXPECT_EQ(report["summary"]["total"], 5);
  EXPECT_EQ(report["summary"]["pass"], 1);
  EXPECT_EQ(report["summary"]["fail"], 1);
  EXPECT_EQ(report["summary"]["error"], 1);
  EXPECT_EQ(report["summary"]["unsupported"], 1);
  EXPECT_EQ(report["summary"]["non-strict"], 1);
  EXPECT_EQ(report["summary"]["informational"], 0);
  ASSERT_EQ(report["cases"].size(), 5u);
  const auto& pass = report["cases"][0];
  for (const char* field :
       {"id", "verdict", "clauses", "pairing", "transport", "implementations", "duration_ms"}) {
    EXPECT_TRUE(pass.contains(field)) << field;
  }
  EXPECT_FALSE(pass.contains("expected"));
  const auto& fail = report["cases"][1];
  EXPECT_EQ(fail["verdict"], "fail");
  for (const char* field : {"expected", "actual", "rerun", "transcript"})
    EXPECT_TRUE(fail.contains(field)) << field;
  EXPECT_EQ(report["cases"][4]["verdict"], "non-strict");
}

TEST(JunitReport, ParsesBackWithOneTestcasePerCase) {
  std::string xml = make_junit_report(run_info(), sample());
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str())) << xml;
  auto root = doc.child("testsuites");
  EXPECT_EQ(root.attribute("tests").as_int(), 5);
  EXPECT_EQ(root.attribute("failures").as_int(), 1);
  EXPECT_EQ(root.attribute("errors").as_int(), 1);
  EXPECT_EQ(root.attribute("skipped").as_int(), 1);
  int testcases = 0, suites = 0;
  for (auto suite : root.children("testsuite")) {
    ++suites;
    for (auto tc : suite.children("testcase")) {
      ++testcases;
      EXPECT_FALSE(std::string(tc.attribute("name").value()).empty());
    }
  }
  EXPECT_EQ(testcases, 5);
  EXPECT_EQ(suites, 3);
  auto failure =
      root.find_node([](pugi::xml_node n) { return std::string(n.name()) == "failure"; });
  ASSERT_TRUE(failure);
  EXPECT_NE(std::string(failure.attribute("message").value()).find("<&>"), std::string::npos);
  EXPECT_EQ(std::string(failure.text().get()).find('\x01'), std::string::npos);
  EXPECT_TRUE(root.find_node([](pugi::xml_node n) { return std::string(n.name()) == "skipped"; }));
  EXPECT_TRUE(root.find_node([](pugi::xml_node n) { return std::string(n.name()) == "error"; }));
}

TEST(JunitReport, FailuresShowMonitorEventsAndEveryCaseItsObservations) {
  CaseResult passed = make_case("hwm.x/PUSH-PULL/tcp/PULL-binds", Verdict::pass);
  passed.observations = {{"hwm", {{"sent", 5}, {"delivered", 5}, {"dropped", 0}}}};
  CaseResult failed = make_case("fault.x/PUSH-PULL/tcp/PULL-binds", Verdict::fail);
  failed.monitor_events = nlohmann::json::array({{{"socket", "a"},
                                                  {"event", "DISCONNECTED"},
                                                  {"value", 17},
                                                  {"endpoint", "tcp://127.0.0.1:5"}}});
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(make_junit_report(run_info(), {passed, failed}).c_str()));
  auto cases = doc.select_nodes("//testcase");
  ASSERT_EQ(cases.size(), 2u);
  auto property = cases[0].node().child("properties").child("property");
  EXPECT_STREQ(property.attribute("name").value(), "observations");
  EXPECT_NE(std::string(property.attribute("value").value()).find("\"dropped\":0"),
            std::string::npos);
  std::string failure = cases[1].node().child("failure").text().get();
  EXPECT_NE(failure.find("monitor events:\n  a DISCONNECTED tcp://127.0.0.1:5 (17)"),
            std::string::npos)
      << failure;
}

TEST(Publish, WritesTimestampedDirectoryAndReplacesLatest) {
  TempDir dir;
  const auto catalogue = ClauseCatalogue::parse("## 2 Framing\n- FRAME-05 MUST W: text\n");
  auto first = publish_reports(dir.path, "20261124T190000Z", run_info(), sample(), catalogue);
  auto second = publish_reports(dir.path, "20261124T190000Z", run_info(), {}, catalogue);
  EXPECT_NE(first, second);  // same second: a sibling, not an overwrite
  EXPECT_TRUE(std::filesystem::exists(first / "report.json"));
  for (const char* file : {"junit.xml", "report.html", "summary.md"})
    EXPECT_TRUE(std::filesystem::exists(first / file)) << file;
  std::ifstream latest(dir.path / "latest" / "report.json");
  auto report = nlohmann::json::parse(latest);
  EXPECT_EQ(report["summary"]["total"], 0);  // the second run's
}
