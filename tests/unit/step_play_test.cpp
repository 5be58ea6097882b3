// Step types played against a scripted fake agent (tests/doubles/scripted_agent.py), without
// libzmq: each check is shown to fail when the implementation misbehaves the way it guards
// against, and to pass when it does not (so the failing half cannot be an artefact of the double).
#include <gtest/gtest.h>

#include "conformance_tables.hpp"
#include "protocol/base64.hpp"
#include "run/case_runner.hpp"
#include "run/repeated_case.hpp"
#include "steps/step_registry.hpp"
#include "test_files.hpp"

using namespace zconform;

namespace {

const std::filesystem::path kDouble =
    std::filesystem::path(ZCONFORM_SOURCE_DIR) / "tests/doubles/scripted_agent.py";

// Plays the first case of a one-scenario file (PUSH-PULL over tcp unless the steps say otherwise)
// against the scripted agent.
CaseResult play(const std::string& steps, const protocol::Json& script,
                const std::string& header = "", const std::string& transport = "tcp", int runs = 1,
                double timeout_scale = 1.0) {
  TempDir dir;
  const auto file = dir.write(
      "s.yaml", "id: t.play\ntitle: t\nclauses: [DLV-01]\npairings: [PUSH-PULL]\ntransports: [" +
                    transport + "]\nbinders: [B]\n" + header + "steps:\n" + steps);
  std::vector<Scenario> scenarios{load_with_project_tables(file)};
  const auto cases = expand_cases(scenarios);
  Implementation fake{"scripted", "", {"/usr/bin/python3", kDouble.string(), script.dump()},
                      {},         {}, {}};
  RunSettings settings;
  settings.impl_a = settings.impl_b = fake;
  settings.ipc_dir = dir.path;
  settings.catalogue = &project_catalogue();
  settings.pairings = &project_pairings();
  settings.deadline_cap_ms = 5000;
  settings.timeout_scale = timeout_scale;
  AgentPool pool(std::chrono::seconds(10));
  CaseRunner runner(pool, settings);
  return play_repeatedly(runner, cases.at(0), 1, runs);
}

protocol::Json replies(protocol::Json by_op) { return {{"replies", std::move(by_op)}}; }

const std::string kLinkAndSend = "  - link: [a, b]\n  - send: {socket: a, frames: [x]}\n";

}  // namespace

// --repeat: the double answers the first run's recv with EAGAIN and the second's with the message.
TEST(RepeatedCase, AVerdictThatChangesBetweenRunsIsFlakyWithEveryVerdict) {
  const std::string steps = kLinkAndSend + "  - recv: {socket: b, frames: [x], timeout_ms: 50}\n";
  protocol::Json eagain = {{"status", "error"}, {"error", "EAGAIN"}};
  protocol::Json message = {{"status", "ok"}, {"frames", {"x"}}};
  CaseResult flaky = play(steps, replies({{"recv", {eagain, message}}}), "", "tcp", 3);
  EXPECT_EQ(flaky.verdict, Verdict::flaky);
  EXPECT_EQ(flaky.verdicts, (std::vector<Verdict>{Verdict::fail, Verdict::pass, Verdict::pass}));
  EXPECT_NE(flaky.actual.find("verdicts over 3 runs: fail, pass, pass"), std::string::npos)
      << flaky.actual;
  EXPECT_NE(flaky.actual.find("EAGAIN"), std::string::npos) << flaky.actual;  // the failing run's

  CaseResult steady = play(steps, replies({{"recv", {message}}}), "", "tcp", 3);
  EXPECT_EQ(steady.verdict, Verdict::pass) << steady.actual;
  EXPECT_EQ(steady.verdicts.size(), 3u);
}

// --timeout-scale: a recv the agent never answers ends the case at its deadline, times the scale
// (the double's deadline is capped at 5 s; the scenario's own is 600 ms).
TEST(TimeoutScale, StretchesTheCaseDeadline) {
  const std::string steps = kLinkAndSend + "  - recv: {socket: b, frames: [x]}\n";
  const auto held = replies({{"recv", {"hold"}}});
  CaseResult normal = play(steps, held, "deadline_ms: 600\n");
  CaseResult scaled = play(steps, held, "deadline_ms: 600\n", "tcp", 1, 3.0);
  EXPECT_EQ(normal.verdict, Verdict::error) << normal.actual;
  EXPECT_EQ(scaled.verdict, Verdict::error) << scaled.actual;
  // The deadline grows by 1200 ms and so does the case (both also pay for replacing the hung
  // agent, alike): not less, and not much more (300 ms of tolerance for a loaded machine).
  const double grown = scaled.duration_ms - normal.duration_ms;
  EXPECT_GE(grown, 1200 - 100) << normal.duration_ms << " vs " << scaled.duration_ms;
  EXPECT_LE(grown, 1200 + 300) << normal.duration_ms << " vs " << scaled.duration_ms;
}

// recv_into: an implementation that copies past the buffer, or returns the octets copied instead
// of the frame's size, fails; the right answer passes.
TEST(StepPlay, RecvIntoWantsTheFirstOctetsAndTheWholeSize) {
  const std::string steps =
      kLinkAndSend + "  - recv_into: {socket: b, size: 4, bytes: \"0123\", message_size: 10}\n";
  auto answer = [](const std::string& bytes, int size) {
    return replies({{"recv_into",
                     {{{"status", "ok"},
                       {"bytes", protocol::base64_encode(bytes)},
                       {"message_size", size},
                       {"more", false}}}}});
  };
  CaseResult right = play(steps, answer("0123", 10));
  EXPECT_EQ(right.verdict, Verdict::pass) << right.expected << " / " << right.actual;
  EXPECT_EQ(right.observations["recv_into_b"]["message_size"], 10);
  CaseResult copied_size = play(steps, answer("0123", 4));
  EXPECT_EQ(copied_size.verdict, Verdict::fail);
  EXPECT_NE(copied_size.actual.find("a frame of 4 octets"), std::string::npos)
      << copied_size.actual;
  CaseResult overrun = play(steps, answer("0123456789", 10));
  EXPECT_EQ(overrun.verdict, Verdict::fail);
  CaseResult none = play(
      steps, replies({{"recv_into", {{{"status", "unsupported"}, {"reason", "no such call"}}}}}));
  EXPECT_EQ(none.verdict, Verdict::unsupported) << none.actual;
}

// poll: a POLLIN where the scenario knows only part of a message is in (or nothing) fails, as do
// a count that disagrees with the events and a timed poll that returns too early.
TEST(StepPlay, PollWantsTheEventsTheCountAndTheTimeout) {
  const std::string none = kLinkAndSend + "  - poll: {items: {b: [POLLIN]}, expect: {b: []}}\n";
  auto answer = [](protocol::Json events, int count) {
    return replies({{"poll",
                     {{{"status", "ok"},
                       {"items", {{{"socket", "s2"}, {"events", std::move(events)}}}},
                       {"count", count}}}}});
  };
  CaseResult right = play(none, answer(protocol::Json::array(), 0));
  EXPECT_EQ(right.verdict, Verdict::pass) << right.expected << " / " << right.actual;
  CaseResult early_pollin = play(none, answer({"POLLIN"}, 1));
  EXPECT_EQ(early_pollin.verdict, Verdict::fail);
  EXPECT_EQ(early_pollin.expected, "b: none");
  EXPECT_EQ(early_pollin.actual, "b: POLLIN");
  CaseResult miscounted = play(none, answer(protocol::Json::array(), 1));
  EXPECT_EQ(miscounted.verdict, Verdict::fail);
  EXPECT_NE(miscounted.actual.find("it returned 1"), std::string::npos) << miscounted.actual;
  // The double answers at once: a 300 ms timeout that was not waited out.
  CaseResult hasty = play(kLinkAndSend +
                              "  - poll: {items: {b: [POLLIN]}, timeout_ms: 300, expect: {b: []}, "
                              "not_before_ms: 295}\n",
                          answer(protocol::Json::array(), 0));
  EXPECT_EQ(hasty.verdict, Verdict::fail);
  EXPECT_NE(hasty.actual.find("returned after"), std::string::npos) << hasty.actual;
  CaseResult unsupported = play(
      none, replies({{"poll", {{{"status", "unsupported"}, {"reason", "no zmq_poll here"}}}}}));
  EXPECT_EQ(unsupported.verdict, Verdict::unsupported) << unsupported.actual;
}

// z85: an encoding with a character outside the alphabet, one of the wrong length, or one that
// does not decode back fails a roundtrip; a codec that accepts a bad length fails the refusal.
TEST(StepPlay, Z85WantsTheAlphabetTheLengthAndTheWayBack) {
  const std::string roundtrip = "  - z85: {encode: {size: 8}, roundtrip: true}\n";
  auto answers = [](const std::string& text, const std::string& back) {
    return replies({{"z85_encode", {{{"status", "ok"}, {"text", text}}}},
                    {"z85_decode", {{{"status", "ok"}, {"data", protocol::base64_encode(back)}}}}});
  };
  const std::string eight{"\x00\x01\x02\x03\x04\x05\x06\x07", 8};
  CaseResult right = play(roundtrip, answers("0123456789", eight));
  EXPECT_EQ(right.verdict, Verdict::pass) << right.expected << " / " << right.actual;
  CaseResult tilde = play(roundtrip, answers("01234~6789", eight));
  EXPECT_EQ(tilde.verdict, Verdict::fail);
  EXPECT_NE(tilde.actual.find("'~'"), std::string::npos) << tilde.actual;
  CaseResult short_text = play(roundtrip, answers("012345678", eight));
  EXPECT_EQ(short_text.verdict, Verdict::fail);
  CaseResult other_back = play(roundtrip, answers("0123456789", "12345678"));
  EXPECT_EQ(other_back.verdict, Verdict::fail);
  CaseResult lenient =
      play("  - z85: {decode: \"Hell\", error: EINVAL}\n", answers("", "\x01\x02\x03"));
  EXPECT_EQ(lenient.verdict, Verdict::fail) << lenient.actual;
}

TEST(StepPlay, RecvFailsWhenNoMessageComes) {
  CaseResult r = play(kLinkAndSend + "  - recv: {socket: b, frames: [x], timeout_ms: 50}\n",
                      replies({{"recv", {{{"status", "error"}, {"error", "EAGAIN"}}}}}));
  EXPECT_EQ(r.verdict, Verdict::fail) << r.expected << " / " << r.actual;
  EXPECT_NE(r.step.find("recv on b"), std::string::npos) << r.step;
  EXPECT_NE(r.expected.find("[\"x\"] on b within"), std::string::npos) << r.expected;
  EXPECT_NE(r.actual.find("EAGAIN"), std::string::npos) << r.actual;
}

TEST(StepPlay, RecvFailsOnAWrongMessageAndPassesOnTheRightOne) {
  CaseResult wrong = play(kLinkAndSend + "  - recv: {socket: b, frames: [x]}\n",
                          replies({{"recv", {{{"status", "ok"}, {"frames", {"x", "extra"}}}}}}));
  EXPECT_EQ(wrong.verdict, Verdict::fail);
  EXPECT_NE(wrong.actual.find("1 frames expected, 2 received"), std::string::npos) << wrong.actual;

  CaseResult right = play(kLinkAndSend + "  - recv: {socket: b, frames: [x]}\n",
                          replies({{"recv", {{{"status", "ok"}, {"frames", {"x"}}}}}}));
  EXPECT_EQ(right.verdict, Verdict::pass) << right.expected << " / " << right.actual;
}

// A generated routing id starts with a zero byte (ROUT-03): `prefix_hex` checks it, so an
// implementation whose ids start with 1 (jszmq 0.1.2) fails where one of the right size passed.
TEST(StepPlay, ACapturedFrameMustStartWithItsPrefix) {
  const std::string steps =
      kLinkAndSend + "  - recv: {socket: b, frames: [{capture: p, size: 2, prefix_hex: \"00\"}]}\n";
  CaseResult wrong = play(steps, replies({{"recv",
                                           {{{"status", "ok"},
                                             {"frames",
                                              {"\x01"
                                               "a"}}}}}}));
  EXPECT_EQ(wrong.verdict, Verdict::fail);
  EXPECT_NE(wrong.actual.find("starts 01, 00 expected"), std::string::npos) << wrong.actual;
  EXPECT_NE(wrong.expected.find("<any of 2 bytes starting 00>"), std::string::npos)
      << wrong.expected;
  CaseResult right =
      play(steps, replies({{"recv", {{{"status", "ok"}, {"frames", {std::string("\0a", 2)}}}}}}));
  EXPECT_EQ(right.verdict, Verdict::pass) << right.expected << " / " << right.actual;
}

TEST(StepPlay, AFloodThatNeverRefusesFailsWhereTheTypeBlocks) {
  CaseResult r = play(
      "  - link: [a, b]\n  - flood: {socket: a, frames: [\"{n}\"], count: 50, expect: blocks}\n",
      replies({}));
  EXPECT_EQ(r.verdict, Verdict::fail);
  EXPECT_NE(r.expected.find("is refused with EAGAIN"), std::string::npos)
      << r.expected;  // EAGAIN: the default refusal
  EXPECT_EQ(r.actual, "all 50 accepted");
  EXPECT_EQ(r.observations["hwm"]["sent"], 50);
}

TEST(StepPlay, AFloodRefusedWithinItsBoundsPasses) {
  protocol::Json ok = {{"status", "ok"}};
  protocol::Json sends = protocol::Json::array();
  for (int i = 0; i < 10; ++i) sends.push_back(ok);
  sends.push_back({{"status", "error"}, {"error", "EAGAIN"}});
  const std::string flood =
      "  - link: [a, b]\n  - flood: {socket: a, frames: [\"{n}\"], count: 50, expect: blocks, "
      "at_most: ";
  CaseResult r = play(flood + "20}\n", replies({{"send", sends}}));
  EXPECT_EQ(r.verdict, Verdict::pass) << r.expected << " / " << r.actual;
  EXPECT_EQ(r.observations["hwm"]["refused_with"], "EAGAIN");
  // The same refusal, later than the scenario allows:
  CaseResult late = play(flood + "5}\n", replies({{"send", sends}}));
  EXPECT_EQ(late.verdict, Verdict::fail);
  EXPECT_EQ(late.actual, "10");
}

TEST(StepPlay, CollectWantsEveryMessageUnlessLossIsAllowed) {
  // The flood is refused after 10 messages; what was sent comes back through the double.
  protocol::Json sends = protocol::Json::array();
  for (int i = 0; i < 10; ++i) sends.push_back({{"status", "ok"}});
  sends.push_back({{"status", "error"}, {"error", "EAGAIN"}});
  sends.push_back({{"status", "ok"}});  // the end markers
  const std::string steps =
      "  - link: [a, b]\n  - flood: {socket: a, frames: [\"m-{n}\"], count: 30, expect: blocks}\n"
      "  - collect: {socket: b, from: a, frames: [\"m-{n}\"]";
  protocol::Json script = {{"echo", true}, {"replies", {{"send", sends}}}};
  CaseResult whole = play(steps + "}\n", script);
  EXPECT_EQ(whole.verdict, Verdict::pass) << whole.expected << " / " << whole.actual;
  EXPECT_EQ(whole.observations["hwm"]["delivered"], 10);

  script["drop_sent"] = {3};  // message 3 is lost on the way
  CaseResult lossy = play(steps + "}\n", script);
  EXPECT_EQ(lossy.verdict, Verdict::fail);  // loss: none, the default
  EXPECT_NE(lossy.expected.find("every one from number 0 on delivered"), std::string::npos)
      << lossy.expected;
  EXPECT_EQ(lossy.actual, "1 of them missing; first missing overall: [3]");
  EXPECT_EQ(lossy.observations["hwm"]["first_missing"], protocol::Json::array({3}));

  CaseResult allowed = play(steps + ", loss: allowed}\n", script);
  EXPECT_EQ(allowed.verdict, Verdict::pass) << allowed.expected << " / " << allowed.actual;
  EXPECT_EQ(allowed.observations["hwm"]["dropped"], 1);
}

TEST(StepPlay, APendingCallThatReturnsEarlyFails) {
  const std::string steps = "  - link: [a, b]\n  - recv: {socket: b, as: r}\n  - pending: [r]\n";
  CaseResult early =
      play(steps, replies({{"recv", {{{"status", "ok"}, {"frames", {"too soon"}}}}}}));
  EXPECT_EQ(early.verdict, Verdict::fail);
  EXPECT_NE(early.expected.find("still blocked"), std::string::npos) << early.expected;
  EXPECT_NE(early.actual.find("answered after"), std::string::npos) << early.actual;

  CaseResult held = play(steps, replies({{"recv", {"hold"}}}));
  EXPECT_EQ(held.verdict, Verdict::pass) << held.expected << " / " << held.actual;
}

TEST(StepPlay, ReplyChecksTheOutcomeOfAHeldCall) {
  const std::string steps =
      "  - link: [a, b]\n  - recv: {socket: b, as: r}\n  - shutdown: B\n  - reply: {of: r, error: ";
  EXPECT_EQ(play(steps + "ETERM, within_ms: 2000}\n", replies({{"recv", {"hold"}}})).verdict,
            Verdict::pass);
  CaseResult wrong = play(steps + "EAGAIN, within_ms: 2000}\n", replies({{"recv", {"hold"}}}));
  EXPECT_EQ(wrong.verdict, Verdict::fail);
  EXPECT_NE(wrong.actual.find("ETERM"), std::string::npos) << wrong.actual;
}
TEST(StepPlay, NoEventFailsWhenTheEventComesWithinTheBound) {
  const std::string steps =
      "  - link: [a, b]\n  - no_event: {socket: a, event: DISCONNECTED, for_ms: 2000}\n";
  protocol::Json script = {
      {"events", {{{"after", "connect"}, {"delay_ms", 100}, {"name", "DISCONNECTED"}}}}};
  const auto started = Clock::now();
  CaseResult r = play(steps, script);
  EXPECT_EQ(r.verdict, Verdict::fail);
  EXPECT_NE(r.actual.find("one after"), std::string::npos) << r.actual;
  // It fails when the event comes, not at the end of the bound.
  EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(1900));
}

TEST(StepPlay, NoEventPassesWhenTheBoundEndsQuietly) {
  CaseResult r =
      play("  - link: [a, b]\n  - no_event: {socket: a, event: DISCONNECTED, for_ms: 100}\n",
           replies({}));
  EXPECT_EQ(r.verdict, Verdict::pass) << r.expected << " / " << r.actual;
  EXPECT_GE(r.observations["no_event_a_DISCONNECTED_ms"].get<int>(), 100);
}

// An implementation that cannot report HANDSHAKE_SUCCEEDED (JeroMQ 0.3) links on ACCEPTED and
// CONNECTED instead, says so, and still waits for them.
TEST(StepPlay, LinkAwaitsConnectionEventsWhereNoHandshakeIsReported) {
  protocol::Json script = {{"monitor_events", {"ACCEPTED", "CONNECTED", "DISCONNECTED"}},
                           {"connect_events", {"ACCEPTED", "CONNECTED"}},
                           {"echo", true}};
  CaseResult r = play("  - link: [a, b]\n", script);
  EXPECT_EQ(r.verdict, Verdict::pass) << r.expected << " / " << r.actual;
  EXPECT_NE(r.observations["link_sync"].get<std::string>().find("awaited by"), std::string::npos)
      << r.observations.dump();

  script["connect_events"] = protocol::Json::array();
  CaseResult never = play("  - link: [a, b]\n", script);
  EXPECT_EQ(never.verdict, Verdict::fail);
  EXPECT_NE(never.expected.find("ACCEPTED"), std::string::npos) << never.expected;
}

TEST(StepPlay, AwaitingAnEventTheAgentCannotReportIsUnsupported) {
  protocol::Json script = {{"monitor_events", {"ACCEPTED", "CONNECTED"}},
                           {"connect_events", {"ACCEPTED", "CONNECTED"}},
                           {"echo", true}};  // the link probe comes back
  CaseResult r =
      play("  - link: [a, b]\n  - await: {socket: a, event: HANDSHAKE_SUCCEEDED}\n", script);
  EXPECT_EQ(r.verdict, Verdict::unsupported) << r.expected << " / " << r.actual;
  EXPECT_NE(r.actual.find("does not report HANDSHAKE_SUCCEEDED"), std::string::npos) << r.actual;
}

// A connection event does not prove the binder attached the peer's pipe: a probe across the link
// does. PUSH a connects to PULL b: the probe goes from a, the only place it can reach is b.
TEST(StepPlay, LinkSendsAProbeAcrossWhereNoHandshakeIsReported) {
  protocol::Json script = {{"monitor_events", {"ACCEPTED", "CONNECTED"}},
                           {"connect_events", {"ACCEPTED", "CONNECTED"}},
                           {"echo", true}};
  CaseResult r = play(kLinkAndSend + "  - recv: {socket: b, frames: [x]}\n", script);
  EXPECT_EQ(r.verdict, Verdict::pass) << r.expected << " / " << r.actual;
  EXPECT_EQ(r.observations["link_probe_b_a"], "a -> b: 1 probe(s)") << r.observations.dump();

  script["drop_sent"] = {0};  // the probe is lost: the link is not up, whatever the events said
  CaseResult lost = play(kLinkAndSend, script);
  EXPECT_EQ(lost.verdict, Verdict::fail);
  EXPECT_EQ(lost.expected, "b receives a link probe from a") << lost.expected;
}

// A handshake an end reports as failed (zeromq.js facing jszmq on ws) ends the link at once,
// naming the event, instead of a probe waited for until the case deadline.
TEST(StepPlay, ALinkProbeStopsAtAFailedHandshake) {
  const protocol::Json script = {
      {"monitor_events", {"ACCEPTED", "CONNECTED", "HANDSHAKE_FAILED_PROTOCOL"}},
      {"connect_events", {"ACCEPTED", "CONNECTED", "HANDSHAKE_FAILED_PROTOCOL"}}};
  const auto started = Clock::now();
  CaseResult r = play(kLinkAndSend, script);
  EXPECT_EQ(r.verdict, Verdict::fail);
  EXPECT_NE(r.actual.find("reports HANDSHAKE_FAILED_PROTOCOL"), std::string::npos) << r.actual;
  EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(3000));
}

// libzmq reports HANDSHAKE_SUCCEEDED on ws before the pipe is attached: ws links are probed even
// where both ends report it; tcp links are not.
TEST(StepPlay, WsLinksAreProbedEvenWithHandshakeEvents) {
  const protocol::Json script = {{"echo", true}};
  CaseResult ws = play(kLinkAndSend, script, "", "ws");
  EXPECT_EQ(ws.verdict, Verdict::pass) << ws.expected << " / " << ws.actual;
  EXPECT_TRUE(ws.observations.contains("link_probe_b_a")) << ws.observations.dump();
  CaseResult tcp = play(kLinkAndSend, script);
  EXPECT_FALSE(tcp.observations.contains("link_probe_b_a")) << tcp.observations.dump();
}

// A link probe went through the pipe a flood fills and may still hold a place in it: the flood's
// lower bound is lowered by the probes sent on that socket, and by no more.
TEST(StepPlay, AFloodsLowerBoundGivesBackWhatLinkProbesTook) {
  protocol::Json ok = {{"status", "ok"}};
  protocol::Json script = {
      {"monitor_events", {"ACCEPTED", "CONNECTED"}},
      {"connect_events", {"ACCEPTED", "CONNECTED"}},
      {"echo", true},
      {"replies", {{"send", {ok, ok, ok, {{"status", "error"}, {"error", "EAGAIN"}}}}}}};
  const std::string flood =
      "  - link: [a, b]\n  - flood: {socket: a, frames: [\"{n}\"], count: 50, expect: blocks, "
      "at_least: ";
  CaseResult r = play(flood + "3}\n", script);  // one probe, then two accepted
  EXPECT_EQ(r.verdict, Verdict::pass) << r.expected << " / " << r.actual;
  EXPECT_EQ(r.observations["hwm"]["link_probes_sent"], 1) << r.observations.dump();
  CaseResult short_by_two = play(flood + "4}\n", script);
  EXPECT_EQ(short_by_two.verdict, Verdict::fail) << short_by_two.expected;
  EXPECT_EQ(short_by_two.actual, "2");
}

// zeromq.js has neither zmq_ctx_term nor zmq_ctx_shutdown: a term step is UNSUPPORTED at once, and
// teardown neither errs nor waits on a call nothing can release (the agent is restarted).
TEST(StepPlay, AnImplementationWithoutContextEndIsUnsupportedNotBroken) {
  const protocol::Json no_end = {{"status", "unsupported"}, {"reason", "no zmq_ctx_term"}};
  protocol::Json script = replies({{"ctx_term", {no_end}}, {"ctx_shutdown", {no_end}}});
  CaseResult plain = play(kLinkAndSend, script);
  EXPECT_EQ(plain.verdict, Verdict::pass) << plain.expected << " / " << plain.actual;

  script["replies"]["recv"] = {"hold"};
  const auto started = Clock::now();
  CaseResult term = play(
      "  - link: [a, b]\n  - recv: {socket: b, as: blocked}\n"
      "  - term: {role: B, as: term}\n  - reply: {of: blocked, error: ETERM}\n",
      script);
  EXPECT_EQ(term.verdict, Verdict::unsupported) << term.expected << " / " << term.actual;
  EXPECT_NE(term.actual.find("no zmq_ctx_term"), std::string::npos) << term.actual;
  EXPECT_NE(term.observations["teardown"].get<std::string>().find("agent restarted"),
            std::string::npos)
      << term.observations.dump();
  EXPECT_LT(Clock::now() - started, std::chrono::milliseconds(3000));
}
