// report.json read back, diffs between reports, summary.md and report.html's data: the formats
// `zconform merge` and `zconform diff` rely on.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "report/html_report.hpp"
#include "report/json_report.hpp"
#include "report/junit_report.hpp"
#include "report/report_diff.hpp"
#include "report/report_reader.hpp"
#include "report/summary_markdown.hpp"
#include "test_files.hpp"

using namespace zconform;

namespace {

CaseResult result(const std::string& id, Verdict verdict, const std::string& impl_b = "libzmq") {
  CaseResult r;
  r.id = id;
  r.number = 1;
  r.scenario_id = id.substr(0, id.find('/'));
  r.title = "a title";
  r.verdict = verdict;
  r.clauses = {"FRAME-05"};
  r.pairing = "PUSH-PULL";
  r.transport = "tcp";
  r.binder = "PULL";
  r.implementations = {"libzmq", impl_b};
  r.duration_ms = 3;
  if (verdict != Verdict::pass) {
    r.expected = "[\"a\"]";
    r.actual = "nothing </script> came";
    r.rerun = "zconform run --filter '" + id + "'";
    r.step = "scenarios/x.yaml:3 recv on b";
    r.agent_stderr = "libzmq: warning\n";
  }
  return r;
}

ClauseCatalogue catalogue() {
  return ClauseCatalogue::parse(
      "## 2 Framing\n- FRAME-05 MUST W: deliver all frames of a message or none\n");
}

RunInfo run_info() {
  RunInfo run;
  run.started_at = "2026-11-28T00:00:00Z";
  run.command = "zconform run";
  run.implementations = {{"libzmq", "4.3.4", "libzmq.yaml"}};
  run.shard_index = 2;
  run.shard_count = 3;
  run.planned = 9;
  return run;
}

}  // namespace

TEST(ReportReader, ReadsBackWhatTheJsonReportWrote) {
  TempDir dir;
  CaseResult known = result("s.x/PUSH-PULL/tcp/PULL-binds", Verdict::fail);
  known.number = 5;
  known.baseline_known = true;
  known.baseline_clause = "FRAME-05";
  known.baseline_reason = "why";
  known.wire_transcript = {"> @0 ff"};
  known.observations = {{"sent", 3}};
  CaseResult flaky = result("s.y/PUSH-PULL/tcp/PULL-binds", Verdict::flaky);
  flaky.verdicts = {Verdict::pass, Verdict::fail};
  auto file = dir.write("report.json", make_json_report(run_info(), {known, flaky}).dump());
  LoadedReport back = read_json_report(dir.path);  // a directory holding report.json
  EXPECT_EQ(back.run.shard_index, 2);
  EXPECT_EQ(back.run.shard_count, 3);
  EXPECT_EQ(back.run.planned, 9u);
  ASSERT_EQ(back.results.size(), 2u);
  const CaseResult& r = back.results[0];
  EXPECT_EQ(r.id, known.id);
  EXPECT_EQ(r.number, 5u);
  EXPECT_EQ(r.verdict, Verdict::fail);
  EXPECT_TRUE(r.baseline_known);
  EXPECT_EQ(r.baseline_reason, "why");
  EXPECT_EQ(r.actual, known.actual);
  EXPECT_EQ(r.wire_transcript, known.wire_transcript);
  EXPECT_EQ(r.observations, known.observations);
  EXPECT_EQ(r.agent_stderr, known.agent_stderr);
  EXPECT_EQ(back.results[1].verdict, Verdict::flaky);
  EXPECT_EQ(back.results[1].verdicts, flaky.verdicts);
}

TEST(ReportReader, NamesTheFileAndFieldThatIsWrong) {
  TempDir dir;
  auto report =
      make_json_report(run_info(), {result("s.x/PUSH-PULL/tcp/PULL-binds", Verdict::pass)});
  report["cases"][0]["verdict"] = "great";
  auto file = dir.write("bad.json", report.dump());
  try {
    read_json_report(file);
    FAIL() << "a bad verdict was read";
  } catch (const ReportError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.json: cases[0]"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("'great' is no verdict"), std::string::npos) << e.what();
  }
  EXPECT_THROW(read_json_report(dir.write("x.json", "{\"format\": \"other/1\"}")), ReportError);
  EXPECT_THROW(read_json_report(dir.write("y.json", "not json")), ReportError);
  EXPECT_THROW(read_json_report(dir.path / "absent.json"), ReportError);
}

TEST(ReportDiff, SortsChangesIntoRegressionsFixesNewAndRemoved) {
  CaseResult broken_before = result("a/PUSH-PULL/tcp/PULL-binds", Verdict::pass);
  CaseResult broken_after = result("a/PUSH-PULL/tcp/PULL-binds", Verdict::fail);
  CaseResult fixed_before = result("b/PUSH-PULL/tcp/PULL-binds", Verdict::fail);
  CaseResult fixed_after = result("b/PUSH-PULL/tcp/PULL-binds", Verdict::pass);
  CaseResult same = result("c/PUSH-PULL/tcp/PULL-binds", Verdict::pass);
  CaseResult gone = result("d/PUSH-PULL/tcp/PULL-binds", Verdict::pass);
  CaseResult fresh = result("e/PUSH-PULL/tcp/PULL-binds/libzmq+pyzmq", Verdict::pass, "pyzmq");
  CaseResult known_before = result("f/PUSH-PULL/tcp/PULL-binds", Verdict::fail);
  known_before.baseline_known = true;
  CaseResult unknown_after = result("f/PUSH-PULL/tcp/PULL-binds", Verdict::fail);  // entry gone
  ReportDiff diff = diff_reports({broken_before, fixed_before, same, gone, known_before},
                                 {broken_after, fixed_after, same, fresh, unknown_after});
  EXPECT_EQ(diff.count(CaseChange::Kind::regression), 2);  // a, and f no longer known
  EXPECT_EQ(diff.count(CaseChange::Kind::fix), 1);
  EXPECT_EQ(diff.count(CaseChange::Kind::added), 1);
  EXPECT_EQ(diff.count(CaseChange::Kind::removed), 1);
  EXPECT_EQ(diff.changes.size(), 5u);  // c did not change
  EXPECT_EQ(diff.per_leg["libzmq+pyzmq"][CaseChange::Kind::added], 1);
  EXPECT_EQ(diff.per_leg["libzmq"][CaseChange::Kind::regression], 2);
  const std::string text = format_diff(diff, "old", "new", false);
  EXPECT_NE(text.find("regression  a/PUSH-PULL/tcp/PULL-binds  pass -> fail"), std::string::npos)
      << text;
  EXPECT_NE(format_diff(diff, "old", "new", true).find("### fix"), std::string::npos);
  EXPECT_EQ(diff_reports({same}, {same}).changes.size(), 0u);
}

TEST(SummaryMarkdown, ListsRegressionsWithClauseTextAndLinksIntoTheHtmlReport) {
  CaseResult failed = result("s.x/PUSH-PULL/tcp/PULL-binds", Verdict::fail);
  CaseResult known = result("s.y/PUSH-PULL/tcp/PULL-binds", Verdict::fail);
  known.baseline_known = true;
  const std::string md = make_summary_markdown(
      run_info(), {failed, known, result("s.z/PUSH-PULL/tcp/PULL-binds", Verdict::pass)},
      catalogue());
  EXPECT_NE(md.find("1 regression in 3 cases"), std::string::npos) << md;
  EXPECT_NE(md.find("| libzmq | 3 | 1 | 1 | 1 |"), std::string::npos) << md;
  EXPECT_NE(md.find("### Regressions (1)"), std::string::npos) << md;
  EXPECT_NE(md.find("FRAME-05 (MUST: deliver all frames of a message or none)"), std::string::npos)
      << md;
  EXPECT_NE(md.find("(report.html#case=s.x%2FPUSH-PULL%2Ftcp%2FPULL-binds&leg=libzmq)"),
            std::string::npos)
      << md;
  EXPECT_EQ(
      md.find(
          "s.y/PUSH-PULL/tcp/PULL-binds`](report.html#case=s.y%2FPUSH-PULL%2Ftcp%2FPULL-binds): "),
      std::string::npos);  // a known failure is no regression
  EXPECT_NE(md.find("### Slowest cases"), std::string::npos);
}

TEST(HtmlReport, EmbedsEveryCaseAndItsDetailsWithoutEndingTheScriptEarly) {
  std::vector<CaseResult> results;
  for (int i = 0; i < 501; ++i)
    results.push_back(result("s.x/PUSH-PULL/tcp/PULL-binds-" + std::to_string(i),
                             i == 500 ? Verdict::fail : Verdict::pass));
  const std::string page = make_html_report(run_info(), results, catalogue());
  EXPECT_EQ(page.find("<!--ZCONFORM-DATA-->"), std::string::npos);
  EXPECT_EQ(page.find("nothing </script>"), std::string::npos);  // escaped as \u003c/script>
  EXPECT_NE(page.find("nothing \\u003c/script> came"), std::string::npos);
  EXPECT_NE(page.find("class=\"zc-details\" data-first=\"500\""), std::string::npos);
  const size_t start = page.find("<script id=\"zc-cases\" type=\"application/json\">");
  ASSERT_NE(start, std::string::npos);
  const size_t from = page.find('>', start) + 1;
  const auto cases = nlohmann::json::parse(page.substr(from, page.find("</script>", from) - from));
  EXPECT_EQ(cases["rows"].size(), 501u);
  EXPECT_EQ(cases["rows"][500][1], "fail");
  EXPECT_NE(page.find("deliver all frames of a message or none"), std::string::npos);
}

TEST(JunitReport, OneSuitePerImplementationAndFamilyWithClauseTextInFailures) {
  CaseResult alone = result("reqrep.x/PUSH-PULL/tcp/PULL-binds", Verdict::fail);
  CaseResult pair =
      result("reqrep.x/PUSH-PULL/tcp/PULL-binds/libzmq+pyzmq", Verdict::pass, "pyzmq");
  CaseResult other = result("pubsub.y/PUSH-PULL/tcp/PULL-binds", Verdict::pass);
  const auto cat = catalogue();
  const std::string xml = make_junit_report(run_info(), {alone, pair, other}, &cat);
  EXPECT_NE(xml.find("<testsuite name=\"libzmq.reqrep\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testsuite name=\"libzmq+pyzmq.reqrep\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testsuite name=\"libzmq.pubsub\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("classname=\"libzmq.reqrep.x\""), std::string::npos) << xml;
  EXPECT_NE(
      xml.find("message=\"FRAME-05 (MUST: deliver all frames of a message or none): expected"),
      std::string::npos)
      << xml;
}
