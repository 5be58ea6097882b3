#pragma once
// The raw ZMTP peer of a wire case: one connection at a time to (or from) the implementation's
// socket, the greeting exchange as a scenario asks for it (staged like libzmq, whole,
// legacy 1.0/2.0, cut short), frames written in the negotiated framing, frames read with a
// deadline, and the wire transcript of everything that crossed. It knows nothing of agents or
// scenarios' verdicts: the wire step types (harness/steps/wire/) drive it through
// run/wire_session.hpp.
#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "scenario/wire_specs.hpp"
#include "zmtp/frame.hpp"
#include "zmtp/greeting.hpp"
#include "zmtp/raw_stream.hpp"
#include "zmtp/wire_transcript.hpp"

namespace zconform {

using zmtp::Clock;

class WirePeer {
 public:
  // `own_type`: the socket type the raw peer claims (legacy 2.0 greetings carry it).
  WirePeer(std::string transport, std::string own_type, std::filesystem::path ipc_path);

  // The raw peer connects (the implementation bound `endpoint`). Throws zmtp::RawError.
  void connect(const std::string& endpoint, Clock::time_point deadline);
  // The raw peer listens; returns the endpoint the implementation is to connect to.
  std::string listen();
  // The next connection from the implementation; false when none came by the deadline.
  bool accept(Clock::time_point deadline);
  // Drops the current connection and makes a new one the way the first was made.
  bool reconnect(Clock::time_point deadline);
  void hangup(bool half);

  // What the greet step learned.
  struct Greeted {
    std::string peer_octets;  // the implementation's greeting octets, as far as they came
    size_t unprompted = 0;    // of those, how many arrived before the raw peer sent anything
    bool downgraded =
        false;            // the implementation answered a legacy greeting in the legacy protocol
    std::string stopped;  // why the exchange ended early ("closed after 10 octets", ...)
  };
  const Greeted& greet(const GreetingSpec& spec, Clock::time_point deadline);
  const Greeted& greeted() const { return greeted_; }
  // The implementation's full ZMTP 3.x greeting, if it sent one.
  std::optional<zmtp::Greeting> peer_greeting() const;
  // The revision octet of a ZMTP 2.0 (1) or older greeting the implementation answered the raw
  // peer's 3.x greeting with: it will not go on to 64 octets, so reading stops there.
  std::optional<int> peer_legacy_revision() const;

  // Frames in the negotiated framing (ZMTP 3.x/2.0 frames; ZMTP 1.0 length-flags-body after a 1.0
  // greeting); false when the connection is gone. `truncate` >= 0 writes only that many octets.
  bool write(const zmtp::Frame& frame, int truncate, Clock::time_point deadline);

  enum class Read { frame, closed, timeout, garbage };
  // The next frame (pushed-back ones first). `why` says what ended a read that gave no frame.
  Read read(zmtp::DecodedFrame& out, std::string& why, Clock::time_point deadline);
  void push_back(zmtp::DecodedFrame frame) { pending_.push_back(std::move(frame)); }

  bool closed() const { return closed_; }
  // A READY command has been read on this connection: from the raw peer's side the NULL handshake
  // is over, so a PING is allowed (HB-01: only after the handshake).
  bool peer_ready_seen() const {
    return peer_ready_seen_;
  }  // the implementation ended the connection (EOF or reset)
  int connections() const { return connections_; }
  int protocol_major() const { return major_; }  // 3, or 2 / 1 after a legacy greeting
  zmtp::WireTranscript& transcript() { return transcript_; }

 private:
  void fresh_connection(zmtp::RawStream stream);
  bool send_octets(std::string_view octets, const std::string& meaning, Clock::time_point deadline);
  // Reads until the implementation's greeting holds `total` octets; false if it stopped first.
  bool read_greeting_to(size_t total, const std::string& meaning, Clock::time_point deadline);
  void legacy_greet(const GreetingSpec& spec, Clock::time_point deadline);

  std::string transport_;
  std::string own_type_;
  std::filesystem::path ipc_path_;
  std::string endpoint_;  // where the raw peer connects (it connects) or listens (it accepts)
  std::optional<zmtp::RawListener> listener_;
  std::optional<zmtp::RawStream> stream_;
  zmtp::FrameDecoder decoder_;
  std::deque<zmtp::DecodedFrame> pending_;
  zmtp::WireTranscript transcript_;
  Greeted greeted_;
  bool closed_ = false;
  bool peer_ready_seen_ = false;
  int connections_ = 0;
  int major_ = 3;
};

}  // namespace zconform
