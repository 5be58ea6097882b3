#include <gtest/gtest.h>

#include "conformance_tables.hpp"
#include "gate/baseline.hpp"
#include "run/probes.hpp"
#include "test_files.hpp"
#include "util/yaml_errors.hpp"

using namespace zconform;

namespace {

const ClauseCatalogue& catalogue() {
  static ClauseCatalogue c =
      ClauseCatalogue::parse("- ERR-03 EINVAL: bad endpoint.\n- TYPE-02 SHOULD W: refuse.\n");
  return c;
}

CaseResult result(const std::string& id, Verdict verdict) {
  CaseResult r;
  r.id = id;
  r.verdict = verdict;
  return r;
}

}  // namespace

TEST(Baseline, MarksKnownFailuresAndUnexpectedPasses) {
  TempDir dir;
  auto file = dir.write("b.yaml",
                        "known:\n"
                        "  - cases: 'errors.port/*'\n    clause: ERR-03\n    reason: wraps\n"
                        "  - cases: ['types.refused/*/ws/*', 'other/*']\n    verdict: non-strict\n "
                        "   clause: TYPE-02\n    reason: ws\n");
  Baseline b = Baseline::load(file, catalogue());
  ASSERT_EQ(b.entries.size(), 2u);

  CaseResult known = result("errors.port/PUSH-PULL/tcp/PULL-binds", Verdict::fail);
  apply_baseline(b, known);
  EXPECT_TRUE(known.baseline_known);
  EXPECT_EQ(known.baseline_reason, "wraps");

  CaseResult fixed = result("errors.port/PUSH-PULL/tcp/PULL-binds", Verdict::pass);
  apply_baseline(b, fixed);
  EXPECT_FALSE(fixed.baseline_known);
  EXPECT_TRUE(fixed.baseline_unexpected_pass);

  // A different verdict than the one expected is not "known": it still counts.
  CaseResult worse = result("types.refused/PUB-PULL/ws/PULL-binds", Verdict::fail);
  apply_baseline(b, worse);
  EXPECT_FALSE(worse.baseline_known);

  CaseResult unnamed = result("delivery.single/PUSH-PULL/tcp/PULL-binds", Verdict::fail);
  apply_baseline(b, unnamed);
  EXPECT_FALSE(unnamed.baseline_known);
  EXPECT_TRUE(unnamed.baseline_reason.empty());
}

TEST(Baseline, AnIntermittentFailureIsKnownWhenItComesAndNoNewsWhenItDoesNot) {
  TempDir dir;
  auto file = dir.write("b.yaml",
                        "known:\n  - cases: 'delivery.killed/*'\n    intermittent: true\n"
                        "    clause: ERR-03\n    reason: timing\n");
  Baseline b = Baseline::load(file, catalogue());
  ASSERT_EQ(b.entries.size(), 1u);
  EXPECT_TRUE(b.entries[0].intermittent);
  CaseResult failed = result("delivery.killed/PUSH-PULL/tcp/PULL-binds", Verdict::fail);
  apply_baseline(b, failed);
  EXPECT_TRUE(failed.baseline_known);
  CaseResult passed = result("delivery.killed/PUSH-PULL/tcp/PULL-binds", Verdict::pass);
  apply_baseline(b, passed);
  EXPECT_FALSE(passed.baseline_known);
  EXPECT_FALSE(passed.baseline_unexpected_pass);
  // Under --repeat it is flaky between pass and fail: known; with another verdict among its runs,
  // not.
  CaseResult flaky = result("delivery.killed/PUSH-PULL/tcp/PULL-binds", Verdict::flaky);
  flaky.verdicts = {Verdict::pass, Verdict::fail, Verdict::pass};
  apply_baseline(b, flaky);
  EXPECT_TRUE(flaky.baseline_known);
  CaseResult odd = result("delivery.killed/PUSH-PULL/tcp/PULL-binds", Verdict::flaky);
  odd.verdicts = {Verdict::pass, Verdict::non_strict};
  apply_baseline(b, odd);
  EXPECT_FALSE(odd.baseline_known);
  // An error is never covered, intermittent or not.
  CaseResult broke = result("delivery.killed/PUSH-PULL/tcp/PULL-binds", Verdict::error);
  apply_baseline(b, broke);
  EXPECT_FALSE(broke.baseline_known);
}

TEST(Baseline, IncludesTheKnownFailuresOfTheImplementationBelow) {
  TempDir dir;
  dir.write("base.yaml",
            "known:\n  - cases: 'errors.port/*'\n    clause: ERR-03\n    reason: wraps\n");
  auto file = dir.write("binding.yaml",
                        "includes:\n  - file: base.yaml\n    reason: a binding over base\n"
                        "known:\n  - cases: 'own/*'\n    clause: TYPE-02\n    reason: its own\n");
  Baseline b = Baseline::load(file, catalogue());
  ASSERT_EQ(b.entries.size(), 2u);
  CaseResult inherited = result("errors.port/PUSH-PULL/tcp/PULL-binds", Verdict::fail);
  apply_baseline(b, inherited);
  EXPECT_TRUE(inherited.baseline_known);
  EXPECT_EQ(inherited.baseline_reason, "wraps [base.yaml: a binding over base]");

  auto loop =
      dir.write("loop.yaml", "includes:\n  - file: loop.yaml\n    reason: itself\nknown: []\n");
  expect_file_error([&] { Baseline::load(loop, catalogue()); },
                    loop.string() + ":2:", "too deeply");
}

// `except` leaves out the included findings a binding's own build has fixed: a fixed case that
// passes is then no unexpected pass, and the other findings are still inherited.
TEST(Baseline, AnIncludeLeavesOutTheFindingsItExcepts) {
  TempDir dir;
  dir.write("base.yaml",
            "known:\n  - cases: ['fixed/*', 'errors.port/*']\n    clause: ERR-03\n"
            "    reason: wraps\n  - cases: 'fixed.too/*'\n    clause: ERR-03\n"
            "    reason: gone\n");
  auto file = dir.write("binding.yaml",
                        "includes:\n  - file: base.yaml\n    reason: a binding over base\n"
                        "    except:\n      - cases: ['fixed*']\n        reason: fixed in 2.0\n"
                        "known: []\n");
  Baseline b = Baseline::load(file, catalogue());
  ASSERT_EQ(b.entries.size(), 1u);
  EXPECT_EQ(b.entries[0].cases, std::vector<std::string>{"errors.port/*"});
  CaseResult fixed = result("fixed/PUSH-PULL/tcp/PULL-binds", Verdict::pass);
  apply_baseline(b, fixed);
  EXPECT_FALSE(fixed.baseline_known);
  EXPECT_FALSE(fixed.baseline_unexpected_pass);
  CaseResult still = result("errors.port/PUSH-PULL/tcp/PULL-binds", Verdict::fail);
  apply_baseline(b, still);
  EXPECT_TRUE(still.baseline_known);

  auto bad = dir.write("bad.yaml",
                       "includes:\n  - file: base.yaml\n    reason: r\n    except: [fixed]\n"
                       "known: []\n");
  expect_file_error([&] { Baseline::load(bad, catalogue()); },
                    bad.string() + ":4:", "'except' is {cases, reason}");
}

// An entry that blames one socket type (jszmq's ROUTER) is inherited by a pair leg only where its
// implementation plays that type; alone, the implementation plays every socket and it applies.
TEST(Baseline, AnEntryThatNamesTheTypesItBlamesFollowsThem) {
  TempDir dir;
  auto file = dir.write("b.yaml",
                        "known:\n  - cases: 'router.*'\n    plays: [ROUTER]\n    clause: ERR-03\n"
                        "    reason: ids\n");
  Baseline b = Baseline::load(file, catalogue());
  CaseResult as_router = result("router.x/DEALER-ROUTER/ws/ROUTER-binds", Verdict::fail);
  EXPECT_TRUE(apply_baseline(b, as_router, as_router.id, "ROUTER"));
  EXPECT_TRUE(as_router.baseline_known);
  CaseResult as_dealer = result("router.x/DEALER-ROUTER/ws/ROUTER-binds", Verdict::pass);
  EXPECT_FALSE(apply_baseline(b, as_dealer, as_dealer.id, "DEALER"));
  EXPECT_FALSE(as_dealer.baseline_unexpected_pass);
  CaseResult alone = result("router.x/DEALER-ROUTER/ws/ROUTER-binds", Verdict::fail);
  EXPECT_TRUE(apply_baseline(b, alone));

  auto bad = dir.write("bad.yaml",
                       "known:\n  - cases: x\n    plays: [ROUTERR]\n    clause: ERR-03\n"
                       "    reason: r\n");
  expect_file_error([&] { Baseline::load(bad, catalogue()); },
                    bad.string() + ":3:", "no socket type");
}

// The project's own baselines load: every clause cited exists, every socket type in `plays` is
// one, every included file is there. A typo would otherwise surface only in a run that needs it.
TEST(Baseline, EveryProjectBaselineLoads) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(ZCONFORM_SOURCE_DIR) / "conformance/baselines")) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    EXPECT_NO_THROW(Baseline::load(entry.path(), project_catalogue())) << entry.path();
  }
  EXPECT_GE(files, 5);
}

TEST(Baseline, ErrorsNameFileAndLine) {
  struct Bad {
    const char* text;
    const char* line;
    const char* words;
  } cases[] = {
      {"known:\n  - cases: x\n    clause: NOPE-01\n    reason: r\n", ":3:", "not in CLAUSES.md"},
      {"known:\n  - cases: x\n    clause: ERR-03\n    reason: r\n    verdict: error\n",
       ":5:", "never baselined"},
      {"known:\n  - cases: x\n    clause: ERR-03\n", ":2:", "reason"},
      {"implementation: x\n", ":1:", "known"},
  };
  for (const auto& bad : cases) {
    TempDir dir;
    auto file = dir.write("b.yaml", bad.text);
    expect_file_error([&] { Baseline::load(file, catalogue()); }, file.string() + bad.line,
                      bad.words);
  }
}

TEST(Probes, AreRecognisedOnlyInTheirOwnShape) {
  const std::string topic = sync_topic(3);
  EXPECT_TRUE(is_sync_probe({probe_body(topic, 7)}));
  EXPECT_TRUE(is_sync_probe({probe_body("weather", 7)}));
  EXPECT_FALSE(is_sync_probe({topic + "barrier-1"}));  // a barrier marker is the scenario's to see
  EXPECT_FALSE(is_sync_probe({"probe"}));
  EXPECT_FALSE(is_sync_probe({}));
  EXPECT_TRUE(is_sync_subscription({"\x01" + topic}));
  EXPECT_TRUE(is_sync_subscription({std::string(1, '\0') + topic}));
  EXPECT_FALSE(is_sync_subscription({"\x01weather"}));
  // A sync knows which of its probes arrived, so it can wait for the last one it sent.
  EXPECT_EQ(probe_number(topic, probe_body(topic, 12)), 12);
  EXPECT_EQ(probe_number("weather", probe_body("weather", 3)), 3);
  EXPECT_EQ(probe_number(sync_topic(4), probe_body(topic, 12)), std::nullopt);  // another round's
  EXPECT_EQ(probe_number(topic, topic + "x/probe"), std::nullopt);
  EXPECT_EQ(probe_number(topic, topic + "/probe"), std::nullopt);
  EXPECT_EQ(probe_number(topic, topic + "99999999999/probe"), std::nullopt);  // no overflow
  // Round 1's topic is no prefix of round 10's: an old subscription never matches new probes.
  EXPECT_NE(sync_topic(10).rfind(sync_topic(1), 0), 0u);
}
