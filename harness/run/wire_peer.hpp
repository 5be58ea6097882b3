#pragma once
// The raw ZMTP peer of a wire case: one connection at a time to (or from) the implementation's
// socket, the greeting exchange as a scenario asks for it (staged like libzmq, whole,
// legacy 1.0/2.0, cut short), frames written in the negotiated framing, frames read with a
// deadline, and the wire transcript of everything that crossed. Over ws it speaks ZWS 2.0: the
// WebSocket upgrade stands in for the greeting, and frames travel as WebSocket frames
// (run/wire_peer_ws.cpp). It knows nothing of agents or
// scenarios' verdicts: the wire step types (harness/steps/wire/) drive it through
// run/wire_session.hpp.
#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "scenario/wire_specs.hpp"
#include "zmtp/curve/session.hpp"
#include "zmtp/frame.hpp"
#include "zmtp/greeting.hpp"
#include "zmtp/raw_stream.hpp"
#include "zmtp/wire_transcript.hpp"
#include "zmtp/zws_frame.hpp"

namespace zconform {

using zmtp::Clock;

// The greeting fields `spec` sets that ZWS 2.0 has no form of ("" when none): over ws only the
// mechanism (as the subprotocol), as_server (no octet: the role comes from options) and
// stop_after 0 (no upgrade at all) carry over.
std::string zws_greeting_unsupported(const GreetingSpec& spec);

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
  // When the current connection was made (connected or accepted): what timed rules about a whole
  // connection, such as ZMQ_HANDSHAKE_IVL, count from.
  Clock::time_point connected_at() const { return connected_at_; }
  bool listening() const { return listener_.has_value(); }  // the implementation connects to it

  // What the greet step learned.
  struct Greeted {
    std::string peer_octets;  // the implementation's greeting octets, as far as they came
    size_t unprompted = 0;    // of those, how many arrived before the raw peer sent anything
    bool downgraded =
        false;            // the implementation answered a legacy greeting in the legacy protocol
    std::string stopped;  // why the exchange ended early ("closed after 10 octets", ...)
    // Over ws: the implementation has no ZWS2.0/NULL (it did not offer it, or refused it). RFC 45
    // makes only ZWS2.0, with no mechanism, mandatory, so this is no failure of it.
    std::string no_zws_null;
  };
  // Over ws, `no_mechanism_too` lets the upgrade settle on plain ZWS2.0 (no mechanism: identity
  // messages instead of READY) where the implementation has no ZWS2.0/NULL and the spec names no
  // mechanism.
  const Greeted& greet(const GreetingSpec& spec, Clock::time_point deadline,
                       bool no_mechanism_too = false);
  const Greeted& greeted() const { return greeted_; }
  // The implementation's full ZMTP 3.x greeting, if it sent one (never over ws).
  std::optional<zmtp::Greeting> peer_greeting() const;
  // The greeting (the upgrade, over ws) is done: frames can follow.
  bool greeting_done() const { return ws_ ? upgraded_ : peer_greeting().has_value(); }
  bool ws() const { return ws_; }
  // The upgrade settled on ZWS2.0 with no mechanism: each side's first message is its routing id.
  bool zws_no_mechanism() const { return ws_no_mechanism_; }
  // Why `frame` has no form in this connection's framing ("" when it has one): ZMTP's frame
  // header lies (a false size, LONG on a short body) have none in ZWS.
  std::string cannot_write(const zmtp::Frame& frame) const {
    return ws_ ? zmtp::zws_unsupported(frame) : "";
  }
  // The revision octet of a ZMTP 2.0 (1) or older greeting the implementation answered the raw
  // peer's 3.x greeting with: it will not go on to 64 octets, so reading stops there.
  std::optional<int> peer_legacy_revision() const;

  // Frames in the negotiated framing (ZMTP 3.x/2.0 frames; ZMTP 1.0 length-flags-body after a 1.0
  // greeting; after a CURVE handshake, sealed in MESSAGE commands); false when the connection is
  // gone. `truncate` >= 0 writes only that many octets.
  bool write(const zmtp::Frame& frame, int truncate, Clock::time_point deadline);

  enum class Read { frame, closed, timeout, garbage };
  // The next frame (pushed-back ones first; after a CURVE handshake, what a MESSAGE carried). `why`
  // says what ended a read that gave no frame.
  Read read(zmtp::DecodedFrame& out, std::string& why, Clock::time_point deadline);
  void push_back(zmtp::DecodedFrame frame) { pending_.push_back(std::move(frame)); }

  // --- plain bytes ('peer: bytes', wire_peer_bytes.cpp): no greeting, no framing around them
  // False when the connection is gone.
  bool write_bytes(std::string_view bytes, Clock::time_point deadline);
  enum class Bytes { complete, closed, timeout };
  // Appends to `out` until it holds `n` octets, the implementation closes, or the deadline.
  Bytes read_bytes(std::string& out, size_t n, Clock::time_point deadline);

  // --- CURVE (RFC 26), once the curve_client or curve_server step finished its handshake: from
  // then on every frame written is sealed in a MESSAGE command and every MESSAGE read is opened
  // (run/wire_peer_curve.cpp), so the steps that write and read frames work unchanged over CURVE.
  // `message_as_command`: the MESSAGE frames carry the COMMAND flag (RFC 23 "message data SHALL be
  // encoded as commands"); else no flag, as libzmq 4.3 sends them and needs them.
  // `expect_command_frames`: the implementation's MESSAGE frames must (true) or must not (false)
  // carry the COMMAND flag; a frame that differs is read as garbage, saying so.
  void start_curve(zmtp::curve::Session session, bool message_as_command,
                   std::optional<bool> expect_command_frames = std::nullopt);
  zmtp::curve::Session* curve() { return curve_ ? &*curve_ : nullptr; }
  // The CURVE handshake is over from the raw peer's side: a PING probe may follow.
  void handshake_done() { peer_ready_seen_ = true; }

  bool closed() const { return closed_; }
  // A READY command (over ZWS2.0 with no mechanism: the routing-id message) has been read on this
  // connection: from the raw peer's side the handshake is over, so a PING is allowed (HB-01: only
  // after the handshake).
  bool peer_ready_seen() const {
    return peer_ready_seen_;
  }  // the implementation ended the connection (EOF or reset)
  int connections() const { return connections_; }
  int protocol_major() const { return major_; }  // 3, or 2 / 1 after a legacy greeting
  zmtp::WireTranscript& transcript() { return transcript_; }

 private:
  void fresh_connection(zmtp::RawStream stream);
  // A frame as it crosses the wire before CURVE wraps it (read_plain) and the CURVE layer.
  Read read_plain(zmtp::DecodedFrame& out, std::string& why, Clock::time_point deadline);
  zmtp::Frame curve_seal(const zmtp::Frame& frame);
  Read curve_open(zmtp::DecodedFrame& frame, std::string& why);
  bool send_octets(std::string_view octets, const std::string& meaning, Clock::time_point deadline);
  // Reads until the implementation's greeting holds `total` octets; false if it stopped first.
  bool read_greeting_to(size_t total, const std::string& meaning, Clock::time_point deadline);
  void legacy_greet(const GreetingSpec& spec, Clock::time_point deadline);
  // A frame as a transcript line: CURVE's handshake commands by their own layout once the
  // greeting named CURVE, any other frame as zmtp::describe_frame says it.
  std::string describe(const zmtp::DecodedFrame& frame) const;
  // Records a frame read in the transcript; a READY ends the handshake from the raw peer's side.
  void took_frame(const zmtp::DecodedFrame& frame, const std::string& meaning);
  // The next octets from the stream into `chunk` (true), or what ended the read in `ended` and
  // `why`, naming the `pending` octets of a frame read in part.
  bool read_more(std::string& chunk, size_t pending, Read& ended, std::string& why,
                 Clock::time_point deadline);
  // ZWS 2.0 (run/wire_peer_ws.cpp).
  void ws_connect(const std::string& endpoint, Clock::time_point deadline);
  std::string ws_listen();
  void ws_upgrade(const GreetingSpec& spec, bool no_mechanism_too, Clock::time_point deadline);
  bool ws_read_head(const std::string& meaning, Clock::time_point deadline);
  // The frame's octets (masked when the raw peer is the client) and their meaning.
  std::string ws_encode(const zmtp::Frame& frame, std::string& meaning);
  Read ws_read(zmtp::DecodedFrame& out, std::string& why, Clock::time_point deadline);

  std::string transport_;
  std::string own_type_;
  std::filesystem::path ipc_path_;
  std::string endpoint_;  // where the raw peer connects (it connects) or listens (it accepts)
  std::optional<zmtp::RawListener> listener_;
  std::optional<zmtp::RawStream> stream_;
  Clock::time_point connected_at_;
  zmtp::FrameDecoder decoder_;
  std::deque<zmtp::DecodedFrame> pending_;
  zmtp::WireTranscript transcript_;
  Greeted greeted_;
  bool closed_ = false;
  bool peer_ready_seen_ = false;
  int connections_ = 0;
  int major_ = 3;
  bool ws_ = false;
  bool upgraded_ = false;
  bool ws_no_mechanism_ = false;
  std::string ws_host_;    // "127.0.0.1:5555": the Host of the raw peer's upgrade request
  std::string ws_target_;  // "/path"
  zmtp::WsFrameDecoder ws_decoder_;
  uint32_t ws_masks_ = 0;  // frames masked so far: each gets the next mask
  std::optional<zmtp::curve::Session> curve_;
  bool curve_greeting_ = false;  // either greeting named CURVE
  bool curve_message_as_command_ = false;
  std::optional<bool> curve_expect_command_frames_;
};

}  // namespace zconform
