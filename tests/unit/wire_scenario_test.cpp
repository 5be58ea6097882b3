// Wire scenarios (`peer: raw`): what the loader accepts, the defaults it fills in, and the errors
// (file:line) for mistakes that would otherwise show up as findings.
#include <gtest/gtest.h>

#include "scenario/expansion.hpp"
#include "scenario/loader.hpp"
#include "conformance_tables.hpp"
#include "test_files.hpp"

using namespace zconform;

namespace {

Scenario load(const std::filesystem::path& file) { return load_with_project_tables(file); }

const char* kHeader =
    "id: wire.t\n"
    "title: t\n"
    "clauses: [GREET-08]\n"
    "peer: raw\n"
    "pairings: [PULL-PUSH]\n"
    "transports: [tcp, ipc]\n"
    "binders: [A, B]\n";

}  // namespace

TEST(WireScenario, LoadsTheRawPeersStepsWithTheirDefaults) {
  TempDir dir;
  Scenario s = load(dir.write("w.yaml", std::string(kHeader) +
                                            "steps:\n"
                                            "  - set: {socket: a, option: maxmsgsize, value: 100}\n"
                                            "  - greet: {mechanism: PLAIN, pace: whole}\n"
                                            "  - ready: {properties: {socket-type: PULL, \"\": x}, more: true}\n"
                                            "  - write: [\"a\", {size: 3, reserved: 8}, {command: PING, ttl: 2, context: ab}]\n"
                                            "  - read: [{command: PONG, context: ab}, {any: true, size: 5, long: false}]\n"
                                            "  - expect_ready: {}\n"
                                            "  - outcome: {alive: informational, close: pass}\n"));
  ASSERT_TRUE(s.raw_peer);
  ASSERT_EQ(s.sockets.size(), 1u);  // the implementation's socket only
  ASSERT_EQ(s.steps.size(), 7u);
  EXPECT_EQ(s.steps[1].kind, StepKind::greet);
  EXPECT_EQ(s.steps[1].wire.greeting.mechanism, "PLAIN");
  EXPECT_EQ(s.steps[1].wire.greeting.pace, GreetingPace::whole);
  const WireFrameSpec& ready = s.steps[2].wire.frames.at(0);
  ASSERT_TRUE(ready.properties);
  EXPECT_EQ(ready.properties->at(0).first, "socket-type");  // case and order as written
  EXPECT_EQ(ready.properties->at(1).first, "");
  EXPECT_EQ(ready.more, true);
  const auto& frames = s.steps[3].wire.frames;
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[1].body, std::string("\0\1\2", 3));
  EXPECT_EQ(frames[1].reserved, 8);
  EXPECT_EQ(frames[2].body, std::string("\x04PING\x00\x02" "ab", 9));  // name length, name, TTL, context
  EXPECT_EQ(s.steps[4].wire.expect[0].body, "ab");
  EXPECT_EQ(s.steps[4].wire.expect[1].size, 5);
  EXPECT_EQ(s.steps[4].wire.expect[1].long_size, false);
  ASSERT_EQ(s.steps[5].wire.ready_check.size(), 1u);  // Socket-Type = the implementation's type
  EXPECT_EQ(s.steps[5].wire.ready_check[0].second, "$TYPE");
  EXPECT_TRUE(s.steps[6].wire.outcome.ping_probe);  // alive is accepted: probe with a PING
  EXPECT_EQ(s.steps[6].wire.outcome.accept.at("alive"), OutcomeVerdict::informational);
}

TEST(WireScenario, CaseIdsSayWhoBinds) {
  TempDir dir;
  std::vector<Scenario> s = {load(dir.write("w.yaml", std::string(kHeader) + "steps:\n  - greet: {}\n"))};
  auto cases = expand_cases(s);
  ASSERT_EQ(cases.size(), 4u);
  EXPECT_EQ(cases[0].id, "wire.t/PULL-PUSH/tcp/iut-binds");
  EXPECT_EQ(cases[1].id, "wire.t/PULL-PUSH/tcp/raw-binds");
}

TEST(WireScenario, MistakesAreErrorsWithTheirLine) {
  TempDir dir;
  auto bad = [&](const std::string& name, const std::string& text, const std::string& line, const std::string& words) {
    auto file = dir.write(name, text);
    expect_file_error([&] { load(file); }, file.string() + ":" + line + ":", words);
  };
  std::string plain = kHeader;
  plain.replace(plain.find("peer: raw\n"), 10, "");
  plain.replace(plain.find("PULL-PUSH"), 9, "PUSH-PULL");
  bad("not-raw.yaml", plain + "steps:\n  - greet: {}\n", "8", "only in scenarios with 'peer: raw'");
  std::string ws = kHeader;
  ws.replace(ws.find("[tcp, ipc]"), 10, "[tcp, ws]");
  bad("ws.yaml", ws + "steps:\n  - greet: {}\n", "6", "tcp and ipc only");
  bad("outcome.yaml", std::string(kHeader) + "steps:\n  - outcome: {closed: pass}\n", "9", "unknown key 'closed'");
  bad("verdict.yaml", std::string(kHeader) + "steps:\n  - outcome: {close: ok}\n", "9", "pass, fail, non-strict or informational");
  bad("pace.yaml", std::string(kHeader) + "steps:\n  - greet: {pace: slow}\n", "9", "staged, whole or listen_first");
  bad("size.yaml", std::string(kHeader) + "steps:\n  - write: [{body: x, declared_size: huge}]\n", "9", "'declared_size' must be an integer");
  bad("frame.yaml", std::string(kHeader) + "steps:\n  - write: [{bogus: 1}]\n", "9", "unknown field 'bogus'");
  bad("link.yaml", std::string(kHeader) + "steps:\n  - link: [a, b]\n", "9", "unknown socket 'b'");
}
