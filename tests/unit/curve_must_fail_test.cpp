// The CURVE wire cases can fail: conformance/scenarios/wire/curve/message-reused-nonce.yaml, played
// against a fake CURVE server (our own server codec, in process) behind the scripted agent. A fake
// that refuses the replayed nonce passes the case; one that takes it (a lax implementation) fails
// it, so the case's check is real.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "conformance_tables.hpp"
#include "run/case_runner.hpp"
#include "run/repeated_case.hpp"
#include "test_files.hpp"
#include "zmtp/curve/server_handshake.hpp"
#include "zmtp/null_handshake.hpp"

using namespace zconform;
using namespace zconform::zmtp;
using std::chrono::milliseconds;

namespace {

const std::filesystem::path kDouble =
    std::filesystem::path(ZCONFORM_SOURCE_DIR) / "tests/doubles/scripted_agent.py";
const std::filesystem::path kCase = std::filesystem::path(ZCONFORM_SOURCE_DIR) /
                                    "conformance/scenarios/wire/curve/message-reused-nonce.yaml";

// One connection's CURVE server on loopback tcp: the implementation the scripted agent "binds".
// Strict: refuses a MESSAGE whose nonce does not increase by closing. Lax: takes every MESSAGE.
class FakeCurveServer {
 public:
  explicit FakeCurveServer(bool lax)
      : listener_(RawListener::listen_tcp()), thread_([this, lax] { serve(lax); }) {}
  ~FakeCurveServer() {
    stop_ = true;
    thread_.join();
  }
  std::string endpoint() const { return listener_.endpoint(); }
  int messages_taken() const { return taken_; }

 private:
  void serve(bool lax) {
    const auto deadline = Clock::now() + milliseconds(8000);
    auto stream = listener_.accept(deadline);
    if (!stream) return;
    Greeting own;
    own.mechanism = "CURVE";
    own.as_server = 1;
    std::string theirs;
    if (stream->write_all(encode_greeting(own), deadline) != RawStream::Status::ok ||
        stream->read_exact(theirs, kGreetingSize, deadline) != RawStream::Status::ok)
      return;
    curve::ServerHandshake server(curve::test_server_keys());
    FrameDecoder frames;
    WireTranscript transcript;
    DecodedFrame frame;
    std::string error;
    // The next frame; false at a 100 ms pause (to look at stop_), or for good when the harness
    // closed the connection.
    bool ended = false;
    auto next = [&] {
      if (read_frame(*stream, frames, frame, error, nullptr,
                     std::min(deadline, Clock::now() + milliseconds(100))) ==
          FrameDecoder::Status::frame)
        return true;
      ended = error.find("closed") != std::string::npos || frames.failed();
      return false;
    };
    auto send = [&](const std::string& body) {
      send_frame(*stream, Frame{kCommand, body}, transcript, deadline);
    };
    while (!stop_ && !ended && !next()) {
    }
    if (ended || !server.take_hello(frame.body, error)) return;
    send(server.welcome());
    while (!stop_ && !ended && !next()) {
    }
    if (ended || !server.take_initiate(frame.body, error)) return;
    send(server.ready(encode_properties({{"Socket-Type", "PULL"}})));
    curve::Session session = server.session();
    session.check_peer_nonces = !lax;
    while (!stop_ && !ended && Clock::now() < deadline) {
      if (!next()) continue;
      if (!session.open(frame.body, error)) return;  // strict: closes on the replayed nonce
      ++taken_;
    }
  }

  RawListener listener_;
  std::atomic<bool> stop_ = false;
  std::atomic<int> taken_ = 0;
  std::thread thread_;
};

CaseResult play_reused_nonce_case(const FakeCurveServer& fake) {
  std::vector<Scenario> scenarios{load_with_project_tables(kCase)};
  const auto cases = expand_cases(scenarios);
  const CaseSpec* tcp_iut_binds = nullptr;
  for (const auto& c : cases) {
    if (c.transport == "tcp" && c.binder == Role::a) tcp_iut_binds = &c;
  }
  if (!tcp_iut_binds) throw std::runtime_error("no tcp case where the implementation binds");
  const protocol::Json script = {{"replies",
                                  {{"bind", {{{"status", "ok"}, {"endpoint", fake.endpoint()}}}},
                                   {"recv", {{{"status", "ok"}, {"frames", {"first, valid"}}}}}}}};
  TempDir dir;
  Implementation double_{"scripted", "", {"/usr/bin/python3", kDouble.string(), script.dump()},
                         {},         {}, {}};
  RunSettings settings;
  settings.impl_a = settings.impl_b = double_;
  settings.ipc_dir = dir.path;
  settings.catalogue = &project_catalogue();
  settings.pairings = &project_pairings();
  settings.deadline_cap_ms = 8000;
  AgentPool pool(std::chrono::seconds(10));
  CaseRunner runner(pool, settings);
  return play_repeatedly(runner, *tcp_iut_binds, 1, 1);
}

}  // namespace

TEST(CurveMustFail, AServerThatRefusesAReplayedNoncePassesTheCase) {
  FakeCurveServer strict(false);
  CaseResult result = play_reused_nonce_case(strict);
  EXPECT_EQ(result.verdict, Verdict::pass) << result.expected << " / " << result.actual;
  EXPECT_EQ(strict.messages_taken(), 1);
}

TEST(CurveMustFail, AServerThatTakesAReplayedNonceFailsTheCase) {
  FakeCurveServer lax(true);
  CaseResult result = play_reused_nonce_case(lax);
  EXPECT_EQ(result.verdict, Verdict::fail) << result.expected << " / " << result.actual;
  EXPECT_NE(result.actual.find("open"), std::string::npos) << result.actual;
  EXPECT_EQ(lax.messages_taken(), 2);  // the replay really reached it, and it took it
}
