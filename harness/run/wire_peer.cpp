#include "run/wire_peer.hpp"

#include <map>

#include "zmtp/command.hpp"
#include "zmtp/curve/describe_curve.hpp"
#include "zmtp/describe.hpp"

namespace zconform {

using zmtp::RawStream;

namespace {

// ZMTP 2.0's socket-type octet (RFC 15): libzmq's ZMQ_* numbers.
uint8_t legacy_type_code(const std::string& type) {
  static const std::map<std::string, uint8_t> codes = {
      {"PAIR", 0},   {"PUB", 1},  {"SUB", 2},  {"REQ", 3},  {"REP", 4},  {"DEALER", 5},
      {"ROUTER", 6}, {"PULL", 7}, {"PUSH", 8}, {"XPUB", 9}, {"XSUB", 10}};
  auto it = codes.find(type);
  return it == codes.end() ? 0xFF : it->second;
}

// How many greeting octets a peer that stages its greeting like libzmq sends once it has read
// `ours`: its signature at once, its major version after our 10th octet, the rest after our 11th
// (only when we look like ZMTP 3.x; a 1.0 or 2.0 peer gets no more greeting).
size_t reply_size(std::string_view ours) {
  if (ours.size() < zmtp::kGreetingPart1 || static_cast<uint8_t>(ours[0]) != 0xFF || !(ours[9] & 1))
    return zmtp::kGreetingPart1;
  if (ours.size() == zmtp::kGreetingPart1) return zmtp::kGreetingPart1 + zmtp::kGreetingPart2;
  if (static_cast<uint8_t>(ours[zmtp::kMajorOffset]) < 2)
    return zmtp::kGreetingPart1 + zmtp::kGreetingPart2;
  return zmtp::kGreetingSize;
}

// How long listen_first waits for a greeting sent unprompted. Nothing announces "I will send no
// more", so this is the one absence the greeting has to wait out.
constexpr auto kListenFirst = std::chrono::milliseconds(200);

std::string describe_legacy_v1(uint8_t flags, size_t body) {
  return "ZMTP 1.0 frame" + std::string(flags & zmtp::kMore ? " MORE" : "") +
         " body=" + std::to_string(body) + " octets";
}

}  // namespace

WirePeer::WirePeer(std::string transport, std::string own_type, std::filesystem::path ipc_path)
    : transport_(std::move(transport)),
      own_type_(std::move(own_type)),
      ipc_path_(std::move(ipc_path)),
      ws_(transport_ == "ws") {}

void WirePeer::fresh_connection(RawStream stream) {
  stream_.emplace(std::move(stream));
  connected_at_ = Clock::now();
  decoder_ = zmtp::FrameDecoder();
  ws_decoder_ = zmtp::WsFrameDecoder();
  upgraded_ = false;
  ws_no_mechanism_ = false;
  pending_.clear();
  greeted_ = {};
  closed_ = false;
  peer_ready_seen_ = false;
  major_ = 3;
  curve_.reset();
  curve_greeting_ = false;
  if (++connections_ > 1) {
    transcript_.note("connection " + std::to_string(connections_) +
                     " (stream offsets restart at 0)");
    transcript_.restart_offsets();
  }
}

void WirePeer::connect(const std::string& endpoint, Clock::time_point deadline) {
  endpoint_ = endpoint;
  if (ws_) return ws_connect(endpoint, deadline);
  fresh_connection(RawStream::connect(endpoint, deadline));
}

std::string WirePeer::listen() {
  if (ws_) return ws_listen();
  listener_.emplace(transport_ == "ipc" ? zmtp::RawListener::listen_ipc(ipc_path_.string())
                                        : zmtp::RawListener::listen_tcp());
  return listener_->endpoint();
}

bool WirePeer::accept(Clock::time_point deadline) {
  auto stream = listener_->accept(deadline);
  if (!stream) return false;
  fresh_connection(std::move(*stream));
  return true;
}

bool WirePeer::reconnect(Clock::time_point deadline) {
  hangup(false);
  if (listener_) return accept(deadline);
  connect(endpoint_, deadline);
  return true;
}

void WirePeer::hangup(bool half) {
  if (!stream_) return;
  if (half) {
    stream_->shutdown_write();
    transcript_.note("the raw peer half-closes (no more octets from it)");
    return;
  }
  stream_.reset();
  transcript_.note("the raw peer closes the connection");
}

bool WirePeer::send_octets(std::string_view octets, const std::string& meaning,
                           Clock::time_point deadline) {
  if (!stream_ || closed_) return false;
  transcript_.sent(octets, meaning);
  if (stream_->write_all(octets, deadline) == RawStream::Status::ok) return true;
  closed_ = true;
  transcript_.note("the implementation closed the connection (write failed)");
  greeted_.stopped = "the connection closed while the raw peer was writing";
  return false;
}

bool WirePeer::read_greeting_to(size_t total, const std::string& meaning,
                                Clock::time_point deadline) {
  std::string& peer = greeted_.peer_octets;
  while (peer.size() < total) {
    if (auto revision = peer_legacy_revision()) {
      greeted_.stopped = "the implementation's greeting has revision " + std::to_string(*revision) +
                         " (ZMTP 2.0 or older): no 64-octet ZMTP 3.x greeting follows";
      return false;
    }
    const size_t before = peer.size();
    auto status = stream_->read_some(peer, total - peer.size(), deadline);
    if (!meaning.empty()) {
      if (peer.size() > before)
        transcript_.received(std::string_view(peer).substr(before), meaning);
    } else {
      // Labelled by the part of the greeting the octets are, however they arrived.
      static const struct Part {
        size_t end;
        const char* meaning;
      } parts[] = {{zmtp::kGreetingPart1, "greeting signature"},
                   {zmtp::kGreetingPart1 + zmtp::kGreetingPart2, "greeting major version"},
                   {zmtp::kGreetingSize, "greeting minor, mechanism, as-server, filler"}};
      size_t at = before;
      for (const Part& part : parts) {
        const size_t end = std::min(part.end, peer.size());
        if (at >= end) continue;
        transcript_.received(std::string_view(peer).substr(at, end - at), part.meaning);
        at = end;
      }
    }
    if (status == RawStream::Status::closed) {
      closed_ = true;
      greeted_.stopped = "the implementation closed the connection after " +
                         std::to_string(peer.size()) + " greeting octets";
      transcript_.note(greeted_.stopped);
      return false;
    }
    if (status == RawStream::Status::timeout) {
      greeted_.stopped =
          "no more greeting octets after " + std::to_string(peer.size()) + " by the deadline";
      return false;
    }
  }
  return true;
}

const WirePeer::Greeted& WirePeer::greet(const GreetingSpec& spec, Clock::time_point deadline,
                                         bool no_mechanism_too) {
  greeted_ = {};
  curve_greeting_ = spec.mechanism.value_or("") == "CURVE";
  if (!stream_) {
    greeted_.stopped = "no connection";
    return greeted_;
  }
  if (ws_) {
    ws_upgrade(spec, no_mechanism_too, deadline);
    return greeted_;
  }
  if (!spec.legacy.empty()) {
    legacy_greet(spec, deadline);
    return greeted_;
  }
  zmtp::Greeting g;
  if (spec.signature_first) g.signature_first = *spec.signature_first;
  if (spec.padding) g.padding = *spec.padding;
  if (spec.signature_last) g.signature_last = *spec.signature_last;
  if (spec.major) g.major = *spec.major;
  if (spec.minor) g.minor = *spec.minor;
  if (spec.mechanism) g.mechanism = *spec.mechanism;
  if (spec.as_server) g.as_server = *spec.as_server;
  if (spec.filler) g.filler = *spec.filler;
  std::string ours = zmtp::encode_greeting(g);
  if (spec.stop_after >= 0)
    ours.resize(std::min(ours.size(), static_cast<size_t>(spec.stop_after)));

  if (spec.pace == GreetingPace::listen_first) {
    read_greeting_to(zmtp::kGreetingSize, "", std::min(deadline, Clock::now() + kListenFirst));
    greeted_.unprompted = greeted_.peer_octets.size();
    if (closed_) return greeted_;
    greeted_.stopped.clear();
  }
  if (spec.pace == GreetingPace::whole) {
    if (send_octets(ours, "greeting, all " + std::to_string(ours.size()) + " octets at once",
                    deadline)) {
      read_greeting_to(std::max(reply_size(ours), greeted_.peer_octets.size()), "", deadline);
    }
  } else {
    // Staged as libzmq needs it: each part of ours, then the part of theirs it unlocks.
    struct Stage {
      size_t end;
      const char* meaning;
    } stages[] = {{zmtp::kGreetingPart1, "greeting signature"},
                  {zmtp::kGreetingPart1 + zmtp::kGreetingPart2, "greeting major version"},
                  {zmtp::kGreetingSize, "greeting rest: minor, mechanism, as-server, filler"}};
    size_t start = 0;
    for (const Stage& stage : stages) {
      if (start >= ours.size()) break;
      const size_t end = std::min(stage.end, ours.size());
      if (!send_octets(std::string_view(ours).substr(start, end - start), stage.meaning, deadline))
        break;
      if (end < stage.end)
        break;  // cut short: the implementation is owed the rest and says nothing more
      const size_t want = reply_size(std::string_view(ours).substr(0, end));
      if (want > greeted_.peer_octets.size() && !read_greeting_to(want, "", deadline)) break;
      start = end;
    }
  }
  if (auto peer = peer_greeting())
    transcript_.note("implementation's " + zmtp::describe_greeting(*peer));
  return greeted_;
}

// RFC 15 (ZMTP 2.0): signature, revision 0x01, socket type, then an identity frame; RFC 13 (ZMTP
// 1.0): no greeting, the identity is the first frame (length including the flags octet, flags,
// body). What comes back shows whether the implementation downgrades (GREET-06, GREET-11).
void WirePeer::legacy_greet(const GreetingSpec& spec, Clock::time_point deadline) {
  if (spec.legacy == "1.0") {
    major_ = 1;
    if (!send_octets(std::string("\x01\x00", 2),
                     "ZMTP 1.0 identity frame: length 1, flags 0, empty identity", deadline))
      return;
    if (!read_greeting_to(zmtp::kGreetingPart1,
                          "signature (to a ZMTP 1.0 peer: a frame header with 8-octet length)",
                          deadline))
      return;
    // That header's length counts the flags octet; the identity body follows.
    uint64_t length = 0;
    for (size_t i = 1; i < 9; ++i)
      length = (length << 8) | static_cast<uint8_t>(greeted_.peer_octets[i]);
    if (length >= 1 && length <= 256) {
      if (!read_greeting_to(zmtp::kGreetingPart1 + length - 1, "identity body (ZMTP 1.0)",
                            deadline))
        return;
    }
    greeted_.downgraded = true;
    return;
  }
  major_ = 2;
  std::string signature("\xFF\0\0\0\0\0\0\0\0\x7F", 10);
  if (!send_octets(signature, "greeting signature", deadline)) return;
  if (!read_greeting_to(zmtp::kGreetingPart1, "greeting signature", deadline)) return;
  const std::string rest = std::string(1, '\x01') + static_cast<char>(legacy_type_code(own_type_)) +
                           std::string("\0\0", 2);
  if (!send_octets(rest,
                   "ZMTP 2.0: revision 1, socket type " + own_type_ + ", empty identity frame",
                   deadline))
    return;
  if (!read_greeting_to(zmtp::kGreetingPart1 + 2, "revision and (ZMTP 2.0) socket type", deadline))
    return;
  zmtp::DecodedFrame identity;
  std::string why;
  if (read(identity, why, deadline) != Read::frame) return;
  // A 2.0 identity frame is a final short message frame; a 3.x greeting's "NULL..." is not.
  greeted_.downgraded = identity.flags == 0 && identity.declared_size <= 255;
  if (!greeted_.downgraded) transcript_.note("that is not a ZMTP 2.0 identity frame: no downgrade");
}

std::optional<int> WirePeer::peer_legacy_revision() const {
  const std::string& p = greeted_.peer_octets;
  if (ws_ || major_ != 3 || p.size() <= zmtp::kGreetingPart1) return std::nullopt;
  if (static_cast<uint8_t>(p[0]) != 0xFF || static_cast<uint8_t>(p[9]) != 0x7F) return std::nullopt;
  const int revision = static_cast<uint8_t>(p[zmtp::kGreetingPart1]);
  return revision < 3 ? std::optional<int>(revision) : std::nullopt;
}

std::optional<zmtp::Greeting> WirePeer::peer_greeting() const {
  if (ws_ || major_ != 3 || greeted_.peer_octets.size() < zmtp::kGreetingSize) return std::nullopt;
  return zmtp::decode_greeting(greeted_.peer_octets);
}

bool WirePeer::write(const zmtp::Frame& plain, int truncate, Clock::time_point deadline) {
  std::optional<zmtp::Frame> sealed;
  if (curve_) sealed = curve_seal(plain);
  const zmtp::Frame& frame = sealed ? *sealed : plain;
  std::string raw;
  std::string meaning;
  if (ws_) {
    raw = ws_encode(frame, meaning);
  } else if (major_ == 1) {
    const uint64_t length = frame.body.size() + 1;
    if (length < 255) {
      raw += static_cast<char>(length);
    } else {
      raw += '\xFF';
      for (int shift = 56; shift >= 0; shift -= 8)
        raw += static_cast<char>((length >> shift) & 0xFF);
    }
    raw += static_cast<char>(frame.flags & zmtp::kMore);
    raw += frame.body;
    meaning = describe_legacy_v1(frame.flags, frame.body.size());
  } else {
    raw = zmtp::encode_frame(frame);
    zmtp::FrameDecoder self;
    self.feed(raw);
    zmtp::DecodedFrame decoded;
    std::string error;
    meaning = self.next(decoded, error) == zmtp::FrameDecoder::Status::frame
                  ? describe(decoded)
                  : "header declares more than is sent: " + zmtp::hex(raw, 16);
  }
  if (truncate >= 0 && static_cast<size_t>(truncate) < raw.size()) {
    raw.resize(static_cast<size_t>(truncate));
    meaning += " -- cut after " + std::to_string(truncate) + " octets";
  }
  return send_octets(raw, meaning, deadline);
}

WirePeer::Read WirePeer::read(zmtp::DecodedFrame& out, std::string& why,
                              Clock::time_point deadline) {
  if (!pending_.empty()) {
    out = std::move(pending_.front());
    pending_.pop_front();
    return Read::frame;
  }
  const Read read = read_plain(out, why, deadline);
  return read == Read::frame && curve_ ? curve_open(out, why) : read;
}

WirePeer::Read WirePeer::read_plain(zmtp::DecodedFrame& out, std::string& why,
                                    Clock::time_point deadline) {
  if (ws_) return ws_read(out, why, deadline);
  if (major_ == 1) {
    // No ZMTP 1.0 decoder here; but whether the implementation closes the connection (GREET-07)
    // or sends octets is still worth telling apart.
    if (!stream_ || closed_) {
      why = "the connection is closed";
      return Read::closed;
    }
    std::string chunk;
    Read ended;
    if (!read_more(chunk, 0, ended, why, deadline)) return ended;
    transcript_.received(chunk, "ZMTP 1.0 octets (not decoded)");
    why = "the raw peer does not read ZMTP 1.0 frames (" + std::to_string(chunk.size()) +
          " octets came)";
    return Read::garbage;
  }
  // Greeting octets still owed (a greeting cut short, or none sent) are read as greeting, not
  // frames.
  if (major_ == 3 && stream_ && !closed_ && greeted_.peer_octets.size() < zmtp::kGreetingSize) {
    if (!read_greeting_to(zmtp::kGreetingSize, "", deadline)) {
      why = greeted_.stopped;
      return closed_ ? Read::closed : Read::timeout;
    }
  }
  while (true) {
    switch (decoder_.next(out, why)) {
      case zmtp::FrameDecoder::Status::frame: took_frame(out, describe(out)); return Read::frame;
      case zmtp::FrameDecoder::Status::error:
        transcript_.note("undecodable: " + why);
        return Read::garbage;
      case zmtp::FrameDecoder::Status::need_more: break;
    }
    if (!stream_ || closed_) {
      why = "the connection is closed";
      return Read::closed;
    }
    std::string chunk;
    Read ended;
    if (!read_more(chunk, decoder_.pending().size(), ended, why, deadline)) return ended;
    decoder_.feed(chunk);
  }
}

std::string WirePeer::describe(const zmtp::DecodedFrame& frame) const {
  if (curve_greeting_ && frame.command && !curve_) {
    if (auto curve = zmtp::curve::describe_curve_command(frame.body)) return *curve;
  }
  return zmtp::describe_frame(frame);
}

void WirePeer::took_frame(const zmtp::DecodedFrame& frame, const std::string& meaning) {
  transcript_.received(frame.raw, meaning);
  std::string ignored;
  auto command = frame.command ? zmtp::parse_command_body(frame.body, ignored) : std::nullopt;
  if (command && command->name == "READY") peer_ready_seen_ = true;
}

bool WirePeer::read_more(std::string& chunk, size_t pending, Read& ended, std::string& why,
                         Clock::time_point deadline) {
  auto status = stream_->read_some(chunk, 65536, deadline);
  if (status == RawStream::Status::ok) return true;
  const std::string inside =
      pending == 0 ? "" : " inside a frame, after " + std::to_string(pending) + " octets of it";
  if (status == RawStream::Status::closed) {
    closed_ = true;
    why = "the implementation closed the connection" + inside;
    transcript_.note(why);
    ended = Read::closed;
    return false;
  }
  why = "nothing more arrived by the deadline" + inside;
  ended = Read::timeout;
  return false;
}

}  // namespace zconform
