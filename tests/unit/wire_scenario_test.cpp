// Wire scenarios (`peer: raw`): what the loader accepts, the defaults it fills in, and the errors
// (file:line) for mistakes that would otherwise show up as findings.
#include <gtest/gtest.h>

#include "conformance_tables.hpp"
#include "scenario/expansion.hpp"
#include "scenario/loader.hpp"
#include "scenario/wire_frame_syntax.hpp"
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
  Scenario s = load(dir.write(
      "w.yaml",
      std::string(kHeader) +
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
  std::vector<std::string> kinds;
  for (const auto& step : s.steps) kinds.push_back(std::string(step->kind()));
  EXPECT_EQ(kinds, (std::vector<std::string>{"set", "greet", "ready", "write", "read",
                                             "expect_ready", "outcome"}));
}

// Frames the raw peer writes and expects, read as the wire steps read them.
TEST(WireScenario, ReadsFramesToWriteAndToExpect) {
  const YamlReader reader("frames.yaml");
  auto write = [&](const std::string& text) { return read_write_frame(reader, YAML::Load(text)); };
  auto expect = [&](const std::string& text) {
    return read_expected_frame(reader, YAML::Load(text));
  };
  EXPECT_EQ(write("\"a\"").body, "a");
  const WireFrameSpec sized = write("{size: 3, reserved: 8}");
  EXPECT_EQ(sized.body, std::string("\0\1\2", 3));
  EXPECT_EQ(sized.reserved, 8);
  // Commands come from harness/zmtp's builders: name length, name, then the command's fields.
  EXPECT_EQ(write("{command: PING, ttl: 2, context: ab}").body, std::string("\x04PING\x00\x02"
                                                                            "ab",
                                                                            9));
  EXPECT_EQ(write("{command: ERROR, reason: no}").body, std::string("\x05"
                                                                    "ERROR\x02no",
                                                                    9));
  EXPECT_EQ(write("{command: HELLO, username: u, password: pw}").body,
            std::string("\x05"
                        "HELLO\x01u\x02pw",
                        11));
  EXPECT_EQ(write("{command: X, data: {hex: ff}}").body, std::string("\x01X\xff", 3));
  EXPECT_EQ(write("{command: READY, properties: {socket-type: PULL, \"\": x}, more: true}").more,
            true);
  EXPECT_EQ(expect("{command: PONG, context: ab}").body, "ab");
  const WireFrameExpect any = expect("{any: true, size: 5, long: false}");
  EXPECT_EQ(any.size, 5);
  EXPECT_EQ(any.long_size, false);
  const auto properties = read_properties(reader, YAML::Load("{socket-type: PULL, \"\": x}"));
  ASSERT_EQ(properties.size(), 2u);
  EXPECT_EQ(properties[0].first, "socket-type");  // case and order as written
  EXPECT_EQ(properties[1].first, "");
}

TEST(WireScenario, CaseIdsSayWhoBinds) {
  TempDir dir;
  std::vector<Scenario> s = {
      load(dir.write("w.yaml", std::string(kHeader) + "steps:\n  - greet: {}\n"))};
  auto cases = expand_cases(s);
  ASSERT_EQ(cases.size(), 4u);
  EXPECT_EQ(cases[0].id, "wire.t/PULL-PUSH/tcp/iut-binds");
  EXPECT_EQ(cases[1].id, "wire.t/PULL-PUSH/tcp/raw-binds");
}

TEST(WireScenario, MistakesAreErrorsWithTheirLine) {
  TempDir dir;
  auto bad = [&](const std::string& name, const std::string& text, const std::string& line,
                 const std::string& words) {
    auto file = dir.write(name, text);
    expect_file_error([&] { load(file); }, file.string() + ":" + line + ":", words);
  };
  std::string plain = kHeader;
  plain.replace(plain.find("peer: raw\n"), 10, "");
  plain.replace(plain.find("PULL-PUSH"), 9, "PUSH-PULL");
  bad("not-raw.yaml", plain + "steps:\n  - greet: {}\n", "8", "only in scenarios with 'peer: raw'");
  std::string inproc = kHeader;
  inproc.replace(inproc.find("[tcp, ipc]"), 10, "[tcp, inproc]");
  bad("inproc.yaml", inproc + "steps:\n  - greet: {}\n", "6", "tcp, ipc and ws (ZWS 2.0) only");
  bad("outcome.yaml", std::string(kHeader) + "steps:\n  - outcome: {closed: pass}\n", "9",
      "unknown field 'closed'");
  bad("verdict.yaml", std::string(kHeader) + "steps:\n  - outcome: {close: ok}\n", "9",
      "a verdict is one of: pass, fail, non-strict, informational");
  bad("pace.yaml", std::string(kHeader) + "steps:\n  - greet: {pace: slow}\n", "9",
      "'pace' is one of: staged, whole, listen_first");
  bad("size.yaml", std::string(kHeader) + "steps:\n  - write: [{body: x, declared_size: huge}]\n",
      "9", "'declared_size' must be an integer");
  bad("frame.yaml", std::string(kHeader) + "steps:\n  - write: [{bogus: 1}]\n", "9",
      "unknown field 'bogus'");
  bad("link.yaml", std::string(kHeader) + "steps:\n  - link: [a, b]\n", "9", "unknown socket 'b'");
}
