#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "conformance_tables.hpp"
#include "scenario/expansion.hpp"
#include "scenario/loader.hpp"
#include "steps/step_registry.hpp"
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

const PairingTable& pairings() {
  static PairingTable t =
      PairingTable::load(std::filesystem::path(ZCONFORM_SOURCE_DIR) / "conformance/pairings.yaml");
  return t;
}

Scenario load(const std::filesystem::path& file) {
  return load_scenario_file(file, catalogue(), pairings(), step_registry());
}

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
  auto c = ClauseCatalogue::load(std::filesystem::path(ZCONFORM_SOURCE_DIR) /
                                 "conformance/spec/CLAUSES.md");
  EXPECT_GT(c.all().size(), 80u);
  EXPECT_EQ(c.find("GREET-01")->level, ClauseLevel::must);
  EXPECT_EQ(c.find("MON-01")->level, ClauseLevel::doc);
}

TEST(Scenario, LoadsStepsAndFrames) {
  TempDir dir;
  Scenario s = load(dir.write("s.yaml", kGood));
  EXPECT_EQ(s.id, "demo.one");
  ASSERT_EQ(s.steps.size(), 5u);
  EXPECT_EQ(s.steps[0]->kind(), "link");
  EXPECT_EQ(s.steps[1]->kind(), "send");
  EXPECT_EQ(s.steps[1]->line, 8);
  EXPECT_EQ(s.steps[4]->kind(), "set");
}

TEST(Scenario, ErrorsNameFileAndLine) {
  struct Bad {
    std::string from, to;
    const char* line;
    const char* words;
  } cases[] = {
      {"clauses: [FRAME-05]", "clauses: [FRAME-99]", ":3:", "not in CLAUSES.md"},
      {"pairings: [PUSH-PULL, PAIR-PAIR]", "pairings: [PUSH-PULLL]", ":4:", "pairing 'PUSH-PULLL'"},
      {"pairings: [PUSH-PULL, PAIR-PAIR]", "pairings: [PUSH-PULL, PUB-PULL]",
       ":4:", "not a valid pairing (TYPE-01)"},
      {"pairings: [PUSH-PULL, PAIR-PAIR]", "pairings: [\"@everything\"]",
       ":4:", "unknown pairing group"},
      {"  - link: [a, b]", "  - transfer: {from: b, to: a, body: [x]}",
       ":7:", "PULL cannot send messages that PUSH receives"},
      {"  - link: [a, b]", "  - send: {socket: a, frames: [{id: z}]}", ":7:", "unknown socket 'z'"},
      {"transports: [tcp, inproc]", "transports: [tcp, carrier-pigeon]",
       ":5:", "unknown transport"},
      {"  - link: [a, b]", "  - link: [a, c]", ":7:", "unknown socket 'c'"},
      {"  - link: [a, b]", "  - jump: [a, b]", ":7:", "unknown step 'jump'"},
      {"{hex: \"00ff\"}", "{hex: \"0ff\"}", ":8:", "hex"},
      {"{hex: \"00ff\"}", "{hex: \"00ff\", prefix_hex: \"00\"}", ":8:", "goes with {capture"},
      {"error: EAGAIN, timeout_ms: 0", "error: EAGAIN, timeout_ms: soon", ":10:", "integer"},
      {"frames: [\"x\"]}", "frames: [\"x\"], error: EAGAIN}", ":9:", "exactly one of"},
      {"title: demo", "title: demo\ncolour: blue", ":3:", "unknown field 'colour'"},
      {"id: demo.one", "id: Demo One", ":1:", "id must match"},
      {"steps:", "sockets: {a: A, b: B, x: {role: B, type: PUSHY}}\nsteps:", ":6:",
       "a socket type of pairings.yaml"},
      {"steps:", "sockets: {a: A, b: B, x: {role: C, type: PUSH}}\nsteps:", ":6:", "role"},
      {"  - link: [a, b]", "  - poll: {items: {a: [POLLUP]}, expect: {a: []}}",
       ":7:", "POLLIN, POLLOUT or POLLERR"},
      {"  - link: [a, b]", "  - poll: {items: {a: [POLLIN]}, expect: {b: []}}",
       ":7:", "not polled"},
      {"  - link: [a, b]", "  - proxy: {frontend: a, backend: b}", ":7:", "'as'"},
      {"frames: [\"x\"]}", "frames: [\"x\"], properties: {X-Color: [red]}}",
       ":9:", "a property's value"},
  };
  for (const auto& bad : cases) {
    std::string text = kGood;
    auto at = text.find(bad.from);
    ASSERT_NE(at, std::string::npos) << bad.from;
    text.replace(at, bad.from.size(), bad.to);
    TempDir dir;
    auto file = dir.write("bad.yaml", text);
    expect_file_error([&] { load(file); }, file.string() + bad.line, bad.words);
  }
}

TEST(Scenario, LocalClausesNeedAnXIdAndASource) {
  std::string text = kGood;
  text.replace(text.find("clauses: [FRAME-05]"), 19,
               "clauses: [X-DEMO-01]\nlocal_clauses: {X-DEMO-01: \"libzmq doc\"}");
  TempDir dir;
  EXPECT_EQ(load(dir.write("ok.yaml", text)).clauses[0], "X-DEMO-01");
}

TEST(Scenario, DirectoryLoadKeepsGoodFilesAndReportsBadOnes) {
  TempDir dir;
  dir.write("a/good.yaml", kGood);
  dir.write("b/bad.yaml", "id: [\n");
  std::string twin = kGood;
  dir.write("c/twin.yaml", twin);
  ScenarioSet set = load_scenario_dir(dir.path, catalogue(), pairings(), step_registry());
  EXPECT_EQ(set.scenarios.size(), 1u);
  ASSERT_EQ(set.errors.size(), 2u);
  EXPECT_NE(set.errors[0].find("bad.yaml"), std::string::npos);
  EXPECT_NE(set.errors[1].find("is taken by"), std::string::npos);
}

TEST(Expansion, CrossesPairingsTransportsAndDirectionsWithStableIds) {
  TempDir dir;
  std::vector<Scenario> scenarios{load(dir.write("s.yaml", kGood))};
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
  EXPECT_TRUE(
      case_matches("demo.one/PUSH-PULL/tcp/PULL-binds", "demo.one/PUSH-PULL/tcp/PULL-binds"));
}

// conformance/spec/CLAUSES.md is a copy of the team's checklist so that a clone works alone;
// this keeps the copy from drifting when the original is beside the project.
TEST(Clauses, CopyMatchesTheSharedChecklist) {
  std::filesystem::path shared =
      std::filesystem::path(ZCONFORM_SOURCE_DIR) / "../shared/spec/CLAUSES.md";
  if (!std::filesystem::exists(shared)) GTEST_SKIP() << "no ../shared beside the project";
  auto read = [](const std::filesystem::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  EXPECT_EQ(read(std::filesystem::path(ZCONFORM_SOURCE_DIR) / "conformance/spec/CLAUSES.md"),
            read(shared))
      << "copy ../shared/spec/CLAUSES.md to conformance/spec/CLAUSES.md";
}

TEST(PairingTable, KnowsTheTwelveValidPairingsAndTheirGroups) {
  const auto& t = pairings();
  EXPECT_EQ(t.group("all").size(), 12u);
  EXPECT_EQ(t.group("request-reply").size(), 6u);
  EXPECT_EQ(t.group("publish-subscribe").size(), 4u);
  for (const auto& p : t.group("streaming")) {
    EXPECT_NE(p.type_a, "REQ");
    EXPECT_NE(p.type_b, "REP");
  }
  EXPECT_TRUE(t.group("nonsense").empty());
  EXPECT_EQ(t.valid({"PUB", "PULL"}), nullptr);
  ASSERT_NE(t.valid({"REQ", "ROUTER"}), nullptr);
  EXPECT_EQ(t.valid({"REQ", "ROUTER"})->routing_id_roles.count(Role::a), 1u);
  EXPECT_TRUE(t.can_transfer("XPUB", "XSUB"));
  EXPECT_FALSE(t.can_transfer("XSUB", "XPUB"));  // subscriptions, not messages
  EXPECT_FALSE(t.can_transfer("PULL", "PUSH"));
}

TEST(PairingTable, DraftPairingsAreOnlyInTheirOwnPatternsGroup) {
  const auto& t = pairings();
  for (const char* group : {"all", "streaming", "two-way"}) {
    for (const auto& p : t.group(group)) {
      EXPECT_FALSE(t.traits(p.type_a)->draft) << group << ": " << p.type_a;
      EXPECT_FALSE(t.traits(p.type_b)->draft) << group << ": " << p.type_b;
    }
  }
  ASSERT_EQ(t.group("client-server").size(), 1u);
  EXPECT_EQ(t.group("client-server")[0].type_b, "SERVER");
  EXPECT_EQ(t.group("radio-dish").size(), 1u);
  EXPECT_TRUE(t.traits("SERVER")->addressed);
  EXPECT_EQ(t.traits("DISH")->subscriber, Subscription::group);
  EXPECT_TRUE(t.traits("RADIO")->publisher);
  EXPECT_EQ(t.valid({"CLIENT", "ROUTER"}), nullptr);
}

TEST(PairingTable, EnvelopesPutTheDelimiterAndIdentityWhereRfc28Says) {
  const auto& t = pairings();
  Envelope dealer_to_rep = t.envelope("DEALER", "REP");
  ASSERT_EQ(dealer_to_rep.send.size(), 1u);
  EXPECT_EQ(dealer_to_rep.send[0].bytes, "");
  EXPECT_TRUE(dealer_to_rep.receive.empty());
  Envelope req_to_router = t.envelope("REQ", "ROUTER");
  ASSERT_EQ(req_to_router.receive.size(), 2u);
  EXPECT_EQ(req_to_router.receive[0].kind, EnvelopeFrame::Kind::id_of_sender);
  EXPECT_TRUE(t.envelope("PUSH", "PULL").send.empty());
}

TEST(PairingTable, ErrorsNameFileAndLine) {
  TempDir dir;
  auto file = dir.write("pairings.yaml", "types:\n  PAIR: {sends: maybe}\npairings: {}\n");
  expect_file_error([&] { PairingTable::load(file); },
                    file.string() + ":2:", "'sends' must be true or false");
}

TEST(Scenario, GroupsExpandAndRefusedScenariosTakeOnlyInvalidPairings) {
  TempDir dir;
  std::string text = kGood;
  text.replace(text.find("pairings: [PUSH-PULL, PAIR-PAIR]"), 32,
               "pairings: [\"@publish-subscribe\"]");
  text.replace(text.find("  - send:"), std::string::npos,
               "  - transfer: {from: a, to: b, body: [x], count: 3}\n");
  Scenario s = load(dir.write("g.yaml", text));
  EXPECT_EQ(s.pairings.size(), 4u);
  EXPECT_EQ(s.steps[1]->kind(), "transfer");

  std::string refused = kGood;
  refused.replace(refused.find("pairings: [PUSH-PULL, PAIR-PAIR]"), 32,
                  "refused: true\npairings: [PUB-PULL, PUSH-SUB]");
  refused.replace(refused.find("  - send:"), std::string::npos,
                  "  - await: {socket: a, event: HANDSHAKE_FAILED_PROTOCOL}\n");
  EXPECT_EQ(load(dir.write("r.yaml", refused)).pairings.size(), 2u);
  refused.replace(refused.find("PUSH-SUB"), 8, "PUSH-PULL");
  EXPECT_THROW(load(dir.write("r2.yaml", refused)), FileError);
}

// A socket of its own type ({role, type}) is that type everywhere: in the turn rules too.
TEST(Scenario, TypedSocketsKeepTheirOwnType) {
  TempDir dir;
  std::string text = kGood;
  text.replace(text.find("pairings: [PUSH-PULL, PAIR-PAIR]"), 32, "pairings: [REQ-ROUTER]");
  text.replace(text.find("steps:"), std::string::npos,
               "sockets: {a: A, b: B, w: {role: A, type: REP}}\nsteps:\n"
               "  - recv: {socket: w, frames: [x]}\n");
  Scenario s = load(dir.write("typed.yaml", text));
  const auto cases = expand_cases({s});
  ASSERT_FALSE(cases.empty());
  EXPECT_EQ(cases[0].socket_type("w"), "REP");
  EXPECT_EQ(cases[0].socket_type("a"), "REQ");
  // As the pairing's REQ, w would have to send first.
  text.replace(text.find("w: {role: A, type: REP}"), 23, "w: A");
  auto as_req = dir.write("untyped.yaml", text);
  expect_file_error([&] { load(as_req); }, as_req.string() + ":8:", "must send next");
}

TEST(Scenario, RepeatedTransfersAreRefusedWhereSendAndReceiveAlternate) {
  TempDir dir;
  std::string text = kGood;
  text.replace(text.find("pairings: [PUSH-PULL, PAIR-PAIR]"), 32, "pairings: [REQ-REP]");
  text.replace(text.find("  - send:"), std::string::npos,
               "  - transfer: {from: a, to: b, body: [x], count: 2}\n");
  auto file = dir.write("alt.yaml", text);
  expect_file_error([&] { load(file); }, file.string() + ":8:", "alternate");
  // Raw sends count their messages too: a second request in a row is out of turn.
  text.replace(text.find("  - transfer:"), std::string::npos,
               "  - send: {socket: a, frames: [x], count: 2}\n");
  auto raw = dir.write("raw.yaml", text);
  expect_file_error([&] { load(raw); }, raw.string() + ":8:", "must receive next");
}

TEST(Scenario, ParsesEveryStepKindAndFramePattern) {
  TempDir dir;
  Scenario s = load(dir.write(
      "all.yaml",
      "id: demo.steps\ntitle: t\nclauses: [FRAME-05]\npairings: [PUSH-PULL]\ntransports: [tcp]\n"
      "processes: separate\nsockets: {a: A, b: B, c: B}\n"
      "steps:\n"
      "  - bind: {socket: b}\n"
      "  - connect: {socket: a, endpoint: {of: b}}\n"
      "  - bind: {socket: c, endpoint: {of: b}, error: EADDRINUSE}\n"
      "  - unbind: {socket: c, endpoint: \"tcp://127.0.0.1:1\", error: ENOENT}\n"
      "  - await: {socket: b, event: HANDSHAKE_SUCCEEDED, count: 1, absent: [DISCONNECTED]}\n"
      "  - send: {socket: a, frames: [{parts: 3}, \"n={n}\"], count: 2}\n"
      "  - recv: {socket: b, frames: [{capture: x, size: 6}, {any: true}, \"part-2\", {id: a}]}\n"
      "  - get: {socket: a, option: routing_id, value: {hex: \"0102\"}}\n"
      "  - round_robin: {from: a, to: [b, c], count: 2}\n"
      "  - fair_queue: {to: b, from: [a, a], count: 1}\n"
      "  - kill: A\n"
      "  - drain: {socket: b, frames: [\"x\"], until: DISCONNECTED}\n"
      "  - close: c\n"));
  ASSERT_EQ(s.steps.size(), 13u);
  std::vector<std::string> kinds;
  for (const auto& step : s.steps) kinds.push_back(std::string(step->kind()));
  EXPECT_EQ(kinds, (std::vector<std::string>{"bind", "connect", "bind", "unbind", "await", "send",
                                             "recv", "get", "round_robin", "fair_queue", "kill",
                                             "drain", "close"}));
  EXPECT_TRUE(s.separate_processes);
}

TEST(Scenario, DraftStepsTakeRoutingIdsAndGroups) {
  TempDir dir;
  Scenario s = load(
      dir.write("draft.yaml",
                "id: demo.draft\ntitle: t\nclauses: [FRAME-05]\npairings: [CLIENT-SERVER]\n"
                "transports: [tcp]\nsteps:\n"
                "  - link: [a, b]\n"
                "  - recv: {socket: b, frames: [x], routing_id: {capture: c}}\n"
                "  - send: {socket: b, frames: [y], routing_id: {var: c}}\n"
                "  - send: {socket: b, frames: [z], routing_id: 4294967295, error: EHOSTUNREACH}\n"
                "  - join: {socket: b, group: weather, error: ENOTSUP}\n"
                "  - leave: {socket: b, group: weather, error: ENOTSUP}\n"));
  EXPECT_EQ(s.steps.size(), 6u);
  auto bad = [&](const std::string& step, const std::string& message) {
    auto file = dir.write("bad.yaml",
                          "id: demo.bad\ntitle: t\nclauses: [FRAME-05]\npairings: [CLIENT-SERVER]\n"
                          "transports: [tcp]\nsteps:\n  - " +
                              step + "\n");
    expect_file_error([&] { load(file); }, file.string() + ":7:", message);
  };
  bad("send: {socket: b, frames: [y], routing_id: {capture: c}}", "a number or {var: name}");
  bad("send: {socket: b, frames: [y], routing_id: 4294967296}", "routing_id");
  bad("recv: {socket: b, error: EAGAIN, group: g}", "checked on a message received here");
  bad("join: {socket: b}", "group");
}

TEST(Scenario, KillNeedsSeparateProcessesAndAwaitNeedsMonitors) {
  TempDir dir;
  std::string text = kGood;
  text.replace(text.find("  - send:"), std::string::npos, "  - kill: A\n");
  EXPECT_THROW(load(dir.write("k.yaml", text)), FileError);
  text = kGood;
  text.replace(text.find("steps:"), 6, "monitors: false\nsteps:");
  text.replace(text.find("  - send:"), std::string::npos,
               "  - await: {socket: a, event: CONNECTED}\n");
  EXPECT_THROW(load(dir.write("m.yaml", text)), FileError);
}

TEST(Expansion, EveryCaseOfTheProjectHasItsOwnId) {
  ScenarioSet set =
      load_scenario_dir(std::filesystem::path(ZCONFORM_SOURCE_DIR) / "conformance/scenarios",
                        project_catalogue(), project_pairings(), step_registry());
  ASSERT_TRUE(set.errors.empty()) << set.errors.front();
  std::set<std::string> seen;
  for (const auto& c : expand_cases(set.scenarios))
    EXPECT_TRUE(seen.insert(c.id).second) << "twice: " << c.id;
  EXPECT_GT(seen.size(), 1500u);
  // A one-type pairing with several sockets on a side names the binding role.
  EXPECT_TRUE(seen.count("dealer.round-robin/DEALER-DEALER/tcp/A-binds"));
  EXPECT_TRUE(seen.count("dealer.round-robin/DEALER-DEALER/tcp/B-binds"));
  EXPECT_TRUE(seen.count("delivery.single/PAIR-PAIR/tcp/PAIR-binds"));
}
