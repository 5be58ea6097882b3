// The raw peer over ws: ZWS 2.0 (RFC 45, TR-05). There is no ZMTP greeting; the WebSocket upgrade
// takes its place and picks the mechanism through the subprotocol ("ZWS2.0/NULL"), then every
// ZMTP frame is one WebSocket frame.
#include <algorithm>

#include "run/wire_peer.hpp"
#include "zmtp/describe.hpp"
#include "zmtp/network_order.hpp"
#include "zmtp/ws_upgrade.hpp"

namespace zconform {

using zmtp::RawStream;

namespace {

// The path the raw peer listens on when the implementation connects.
constexpr const char* kListenTarget = "/zconform-raw";
// A fixed key keeps transcripts of two runs comparable; RFC 6455 asks for a random one to defeat
// caches in between, and nothing stands between the raw peer and the implementation.
// RFC 6455 4.1: the key is 16 octets, base64-encoded (24 characters); servers check its length.
constexpr const char* kClientKey = "emNvbmZvcm0tcmF3cGVlcg==";  // base64 of "zconform-rawpeer"
// An upgrade head longer than this is no ZWS upgrade: reading stops there.
constexpr size_t kMaxHead = 16384;

const std::string kNullProtocol = zmtp::zws_subprotocol("NULL");
const std::string kBareProtocol = "ZWS2.0";  // RFC 45: no mechanism

std::string offered_list(const zmtp::WsUpgradeRequest& request) {
  std::string out;
  for (const auto& p : request.protocols) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::string close_detail(const zmtp::WsFrame& frame) {
  if (frame.payload.size() < 2) return "";
  return ", code " + std::to_string(zmtp::detail::read_be(frame.payload, 0, 2)) +
         (frame.payload.size() > 2 ? " " + zmtp::describe_bytes(frame.payload.substr(2)) : "");
}

}  // namespace

std::string zws_greeting_unsupported(const GreetingSpec& spec) {
  std::string fields;
  auto add = [&](bool set, const char* name) {
    if (set) fields += (fields.empty() ? "" : ", ") + std::string(name);
  };
  add(spec.signature_first.has_value(), "signature_first");
  add(spec.padding.has_value(), "padding");
  add(spec.signature_last.has_value(), "signature_last");
  add(spec.major.has_value(), "major");
  add(spec.minor.has_value(), "minor");
  add(spec.filler.has_value(), "filler");
  add(spec.pace != GreetingPace::staged, "pace");
  add(spec.stop_after > 0, "stop_after");
  add(!spec.legacy.empty(), "legacy");
  return fields;
}

void WirePeer::ws_connect(const std::string& endpoint, Clock::time_point deadline) {
  if (endpoint.rfind("ws://", 0) != 0) throw zmtp::RawError(endpoint + ": not a ws:// endpoint");
  const std::string rest = endpoint.substr(5);
  const auto slash = rest.find('/');
  ws_host_ = rest.substr(0, slash);
  ws_target_ = slash == std::string::npos ? "/" : rest.substr(slash);
  fresh_connection(RawStream::connect("tcp://" + ws_host_, deadline));
}

std::string WirePeer::ws_listen() {
  listener_.emplace(zmtp::RawListener::listen_tcp());
  return "ws://" + listener_->endpoint().substr(6) + kListenTarget;
}

bool WirePeer::ws_read_head(const std::string& meaning, Clock::time_point deadline) {
  std::string& head = greeted_.peer_octets;
  while (zmtp::http_head_end(head) == std::string::npos) {
    if (head.size() >= kMaxHead) {
      greeted_.stopped = "no end of the HTTP head in " + std::to_string(kMaxHead) + " octets";
      return false;
    }
    const size_t before = head.size();
    auto status = stream_->read_some(head, kMaxHead - head.size(), deadline);
    if (status == RawStream::Status::closed) {
      closed_ = true;
      greeted_.stopped = "the implementation closed the connection after " +
                         std::to_string(head.size()) + " octets of its " + meaning;
      if (head.size() > before)
        transcript_.received(std::string_view(head).substr(before), meaning);
      transcript_.note(greeted_.stopped);
      return false;
    }
    if (status == RawStream::Status::timeout) {
      greeted_.stopped = "no complete " + meaning + " by the deadline (" +
                         std::to_string(head.size()) + " octets)";
      if (head.size() > before)
        transcript_.received(std::string_view(head).substr(before), meaning);
      return false;
    }
    // The head is recorded once it is whole; what follows it is frames, handed to the decoder.
    const size_t end = zmtp::http_head_end(head);
    if (end == std::string::npos) continue;
    transcript_.received(std::string_view(head).substr(0, end), meaning);
    ws_decoder_.feed(std::string_view(head).substr(end));
    head.resize(end);
  }
  return true;
}

void WirePeer::ws_upgrade(const GreetingSpec& spec, bool no_mechanism_too,
                          Clock::time_point deadline) {
  const std::string protocol = zmtp::zws_subprotocol(spec.mechanism.value_or("NULL"));
  // Plain ZWS2.0 is a fallback only for a spec that names no mechanism.
  const bool bare_allowed = no_mechanism_too && !spec.mechanism;
  const bool raw_peer_is_server = listener_.has_value();
  auto settle = [&](const std::string& chosen) {
    upgraded_ = true;
    ws_no_mechanism_ = chosen == kBareProtocol;
    if (ws_no_mechanism_)
      transcript_.note("ZWS2.0 with no mechanism: each side's first message is its routing id");
  };
  if (raw_peer_is_server) {
    if (!ws_read_head("upgrade request (HTTP)", deadline)) return;
    std::string error;
    auto request = zmtp::parse_ws_upgrade_request(greeted_.peer_octets, error);
    if (!request) {
      greeted_.stopped = "the implementation's upgrade request: " + error;
      return;
    }
    auto offers = [&](const std::string& p) {
      return std::find(request->protocols.begin(), request->protocols.end(), p) !=
             request->protocols.end();
    };
    std::string chosen = protocol;
    if (!offers(protocol) && bare_allowed && offers(kBareProtocol)) chosen = kBareProtocol;
    if (!offers(chosen) && chosen == kNullProtocol) {
      greeted_.no_zws_null = "it offered only [" + offered_list(*request) + "]";
      return;
    }
    if (spec.stop_after == 0) return;  // the raw peer never answers
    // The raw peer picks its own mechanism's subprotocol even when it was not offered: that is
    // how a mechanism mismatch looks over ws, and the implementation is to refuse it.
    if (!offers(chosen)) {
      transcript_.note("the implementation offered [" + offered_list(*request) +
                       "]; the raw peer picks " + chosen + " all the same");
    }
    if (!send_octets(zmtp::ws_upgrade_response(request->key, chosen),
                     "upgrade answer: 101, subprotocol " + chosen, deadline))
      return;
    settle(chosen);
    return;
  }
  if (spec.stop_after == 0) return;  // the raw peer never asks
  std::vector<std::string> offered{protocol};
  if (bare_allowed) offered.push_back(kBareProtocol);  // after NULL, as libzmq offers them
  std::string offered_text;
  for (const auto& p : offered) offered_text += (offered_text.empty() ? "" : ", ") + p;
  if (!send_octets(zmtp::ws_upgrade_request(ws_host_, ws_target_, kClientKey, offered),
                   "upgrade request (HTTP), subprotocols " + offered_text, deadline))
    return;
  if (!ws_read_head("upgrade answer (HTTP)", deadline)) return;
  std::string error;
  auto response = zmtp::parse_ws_upgrade_response(greeted_.peer_octets, kClientKey, error);
  if (!response) {
    greeted_.stopped = "the implementation's upgrade answer: " + error;
    // RFC 45: a server that supports none of the offered subprotocols refuses the upgrade.
    if (protocol == kNullProtocol && zmtp::http_status(greeted_.peer_octets) >= 400) {
      greeted_.no_zws_null = "it refused an upgrade offering [" + offered_text + "]: " + error;
    }
    return;
  }
  if (std::find(offered.begin(), offered.end(), response->protocol) == offered.end()) {
    greeted_.stopped = "the implementation chose the subprotocol '" + response->protocol +
                       "', not one of " + offered_text + " (TR-05)";
    return;
  }
  settle(response->protocol);
}

std::string WirePeer::ws_encode(const zmtp::Frame& frame, std::string& meaning) {
  std::optional<zmtp::WsMask> mask;
  if (!listener_) {  // RFC 6455 5.3: a client masks every frame, each with a fresh key
    const uint32_t key = 0x9E3779B9u * ++ws_masks_;
    mask = zmtp::WsMask{static_cast<uint8_t>(key >> 24), static_cast<uint8_t>(key >> 16),
                        static_cast<uint8_t>(key >> 8), static_cast<uint8_t>(key)};
  }
  std::string raw = zmtp::encode_zws_frame(frame, mask);
  zmtp::WsFrameDecoder self;
  self.feed(raw);
  zmtp::WsFrame decoded;
  std::string error;
  if (self.next(decoded, error) == zmtp::WsFrameDecoder::Status::frame) {
    auto zmtp_frame = zmtp::zmtp_from_zws(decoded, error);
    meaning = "ZWS " + (zmtp_frame ? describe(*zmtp_frame) : error);
  } else {
    meaning = "ZWS frame: " + error;
  }
  return raw;
}

WirePeer::Read WirePeer::ws_read(zmtp::DecodedFrame& out, std::string& why,
                                 Clock::time_point deadline) {
  if (!stream_ || closed_) {
    why = "the connection is closed";
    return Read::closed;
  }
  if (!upgraded_) {
    // No upgrade was made (a scenario that stalls it): whatever comes is HTTP, never a frame.
    while (true) {
      std::string chunk;
      auto status = stream_->read_some(chunk, 65536, deadline);
      if (status == RawStream::Status::ok) {
        transcript_.received(chunk, "octets before any upgrade");
        continue;
      }
      if (status == RawStream::Status::closed) {
        closed_ = true;
        why = "the implementation closed the connection (no upgrade was made)";
        transcript_.note(why);
        return Read::closed;
      }
      why = "nothing more arrived by the deadline (no upgrade was made)";
      return Read::timeout;
    }
  }
  const bool from_client = listener_.has_value();
  while (true) {
    zmtp::WsFrame frame;
    std::string error;
    switch (ws_decoder_.next(frame, error)) {
      case zmtp::WsFrameDecoder::Status::frame: {
        if (frame.opcode == zmtp::kWsClose) {
          closed_ = true;
          why = "the implementation sent a WebSocket close frame" + close_detail(frame);
          transcript_.received(frame.raw, "WebSocket close" + close_detail(frame));
          return Read::closed;
        }
        // RFC 6455 5.1-5.2 and ZWS 2.0: each ZMTP frame is one final, unextended frame, masked
        // exactly when a client sends it.
        if (!frame.fin) error = "a fragmented WebSocket frame (FIN clear)";
        if (frame.rsv) error = "RSV bits set with no extension negotiated";
        if (frame.masked != from_client) {
          error = from_client ? "an unmasked frame from a client (RFC 6455 5.1)"
                              : "a masked frame from a server (RFC 6455 5.1)";
        }
        std::optional<zmtp::DecodedFrame> decoded;
        if (error.empty()) decoded = zmtp::zmtp_from_zws(frame, error);
        if (!decoded) {
          transcript_.received(frame.raw, "WebSocket frame: " + error);
          why = error;
          return Read::garbage;
        }
        out = std::move(*decoded);
        took_frame(out, "ZWS " + describe(out));
        // With no mechanism the routing id message ends the handshake, as READY does with NULL.
        if (ws_no_mechanism_ && !out.command) peer_ready_seen_ = true;
        return Read::frame;
      }
      case zmtp::WsFrameDecoder::Status::error:
        transcript_.note("undecodable: " + error);
        why = error;
        return Read::garbage;
      case zmtp::WsFrameDecoder::Status::need_more: break;
    }
    std::string chunk;
    Read ended;
    if (!read_more(chunk, ws_decoder_.pending().size(), ended, why, deadline)) return ended;
    ws_decoder_.feed(chunk);
  }
}

}  // namespace zconform
