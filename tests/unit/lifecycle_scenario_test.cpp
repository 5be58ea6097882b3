// The steps of high-water mark, context and fault scenarios: what the loader makes of them, their
// defaults, and the file:line errors for mistakes (a reply to a request never started, a fault
// without the relay, a flood whose messages cannot be told apart, ...).
#include <gtest/gtest.h>

#include "conformance_tables.hpp"
#include "scenario/loader.hpp"
#include "test_files.hpp"

using namespace zconform;

namespace {

Scenario load(const std::filesystem::path& file) { return load_with_project_tables(file); }

std::string header(const std::string& extra = "") {
  return "id: t.life\n"
         "title: t\n"
         "clauses: [CTX-01]\n"
         "pairings: [PUSH-PULL]\n"
         "transports: [tcp]\n" +
         extra + "steps:\n";
}

}  // namespace

TEST(LifecycleScenario, LoadsFloodCollectAndTheirDefaults) {
  TempDir dir;
  Scenario s = load(dir.write(
      "s.yaml", header() + "  - link: [a, b]\n"
                           "  - flood: {socket: a, frames: [\"m-{n}\", {size: 10}], count: 50, "
                           "expect: blocks, at_most: 40}\n"
                           "  - collect: {socket: b, from: a, frames: [\"m-{n}\", {size: 10}]}\n"
                           "  - flood: {socket: a, frames: [\"d-{n}\"], count: 9, expect: drops}\n"
                           "  - collect: {socket: b, from: a, frames: [\"d-{n}\"], loss: allowed, "
                           "all_from: 5, at_most: 8}\n"));
  ASSERT_EQ(s.steps.size(), 5u);
  EXPECT_EQ(s.steps[1]->kind(), "flood");
  EXPECT_EQ(s.steps[4]->kind(), "collect");
  EXPECT_EQ(s.steps[4]->line, 11);
  // Their defaults (EAGAIN as a blocking flood's refusal, loss: none) are checked by playing
  // them: step_play_test.cpp.
}

TEST(LifecycleScenario, LoadsAsynchronousRequestsAndContextSteps) {
  TempDir dir;
  Scenario s = load(dir.write(
      "s.yaml", header("processes: separate\ncontext: {blocky: false, io_threads: 2}\n") +
                    "  - recv: {socket: b, as: blocked}\n"
                    "  - send: {socket: a, frames: [x], as: out}\n"
                    "  - term: {role: B, as: term}\n"
                    "  - pending: [term, out]\n"
                    "  - reply: {of: blocked, error: ETERM, within_ms: 500, not_before_ms: 1}\n"
                    "  - shutdown: A\n"
                    "  - new_socket: {role: A, type: PUSH, error: ETERM}\n"
                    "  - send: {socket: a, frames: [x], blocking: true, error: EAGAIN}\n"
                    "  - kill: B\n"
                    "  - restart: B\n"
                    "  - term: A\n"));
  EXPECT_EQ(s.context_options, (protocol::Json{{"blocky", false}, {"io_threads", 2}}));
  std::vector<std::string> kinds;
  for (const auto& step : s.steps) kinds.push_back(std::string(step->kind()));
  EXPECT_EQ(kinds, (std::vector<std::string>{"recv", "send", "term", "pending", "reply", "shutdown",
                                             "new_socket", "send", "kill", "restart", "term"}));
}

TEST(LifecycleScenario, LoadsFaultsOnlyWithTheRelay) {
  TempDir dir;
  Scenario s = load(dir.write("s.yaml", header("relay: true\n") +
                                            "  - link: [a, b]\n"
                                            "  - fault: cut\n"
                                            "  - fault: {delay_ms: 50}\n"
                                            "  - fault: {drip: {bytes: 3, every_ms: 2}}\n"
                                            "  - fault: restore\n"
                                            "  - sync: {publisher: a, subscriber: b, topic: x}\n"));
  EXPECT_TRUE(s.relay);
  ASSERT_EQ(s.steps.size(), 6u);
  EXPECT_EQ(s.steps[3]->kind(), "fault");
}

TEST(LifecycleScenario, RefusesMistakesWithFileAndLine) {
  struct Bad {
    std::string extra, steps, line, words;
  };
  const std::vector<Bad> cases = {
      {"", "  - reply: {of: nothing}\n",
       ":7:", "no earlier step started a request named 'nothing'"},
      {"", "  - recv: {socket: b, as: r}\n  - recv: {socket: b, as: r}\n", ":8:", "already taken"},
      {"", "  - pending: [r]\n  - recv: {socket: b, as: r}\n", ":7:", "no earlier step"},
      {"", "  - recv: {socket: b, as: r, frames: [x]}\n", ":7:", "checked by a 'reply' step"},
      {"", "  - recv: {socket: b, as: Bad-Name}\n", ":7:", "'as' names a request"},
      {"", "  - send: {socket: a, frames: [x], blocking: true, dontwait: true}\n",
       ":7:", "'blocking' leaves the wait"},
      {"", "  - fault: cut\n", ":7:", "needs 'relay: true'"},
      {"relay: true\n", "  - fault: unplug\n", ":8:", "a fault is one of: cut, black_hole"},
      {"relay: true\n", "  - fault: {drip: {bytes: 0, every_ms: 1}}\n",
       ":8:", "'bytes' must be 1.."},
      {"", "  - flood: {socket: a, frames: [x], count: 5, expect: blocks}\n", ":7:", "\"{n}\""},
      {"", "  - flood: {socket: a, frames: [\"{n}\"], count: 5, expect: sometimes}\n",
       ":7:", "'expect' is one of: blocks, drops"},
      {"", "  - flood: {socket: a, frames: [\"{n}\"], count: 5, expect: drops, error: EAGAIN}\n",
       ":7:", "never refused"},
      {"",
       "  - flood: {socket: a, frames: [\"{n}\"], count: 5, expect: blocks, at_least: 4, at_most: "
       "2}\n",
       ":7:", "'at_least' is above"},
      {"", "  - collect: {socket: b, from: a, frames: [\"{n}\"], loss: some}\n",
       ":7:", "'loss' is one of: none, allowed"},
      {"", "  - collect: {socket: b, from: a, frames: [\"{n}\"], all_from: 3}\n",
       ":7:", "'all_from' goes with 'loss: allowed'"},
      {"", "  - restart: B\n", ":7:", "needs 'processes: separate'"},
      {"", "  - term: C\n", ":7:", "a role is one of: A, B"},
      {"context: [blocky]\n", "  - term: A\n", ":6:", "'context' maps context options"},
      {"context: {blocky: maybe}\n", "  - term: A\n", ":6:", "takes true, false or an integer"},
      {"", "  - flood: [a, x]\n", ":7:", "'flood' is written flood: {socket"},
      {"", "  - reply: t\n", ":7:", "'reply' is written reply: {of"},
      {"", "  - send: {socket: a, frames: [x], as: s, dontwait: true}\n",
       ":7:", "blocks until a later step"},
      {"", "  - recv: {socket: b, as: r, timeout_ms: 5}\n",
       ":7:", "no 'frames', 'error' or 'timeout_ms'"},
      {"relay: true\n", "  - fault: {delay_ms: 5, drip: {bytes: 1, every_ms: 1}}\n",
       ":8:", "one fault at a time"},
      {"relay: true\n", "  - fault: {drip: [3, 2]}\n", ":8:", "expected a mapping"},
      {"", "  - collect: {socket: b, from: a, frames: [\"{n}\"], loss: allowed, all_from: -1}\n",
       ":7:", "'all_from' must be 0.."},
      {"", "  - flood: {socket: a, frames: [\"{n}\"], count: 5, expect: drops, at_most: 3}\n",
       ":7:", "'at_least' and 'at_most' go with expect: blocks"},
      {"", "  - subscribe: {socket: b, topics: [{id: a}]}\n", ":7:", "expected bytes"},
      {"", "  - set: {socket: a, option: linger, value: 99999999999999999999}\n",
       ":7:", "an option value must be"},
  };
  for (const auto& bad : cases) {
    TempDir dir;
    auto file = dir.write("bad.yaml", header(bad.extra) + bad.steps);
    expect_file_error([&] { load(file); }, file.string() + bad.line, bad.words);
  }
}

TEST(LifecycleScenario, TheRelayCarriesStreamTransportsOnly) {
  TempDir dir;
  auto file = dir.write("bad.yaml",
                        "id: t.r\ntitle: t\nclauses: [RCN-01]\npairings: [PUSH-PULL]\nrelay: "
                        "true\ntransports: [tcp, ipc, ws, inproc]\nsteps:\n  - link: [a, b]\n");
  expect_file_error([&] { load(file); },
                    file.string() + ":6:", "the fault relay carries tcp, ipc and ws only");
}
