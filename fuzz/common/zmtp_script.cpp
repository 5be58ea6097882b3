#include "common/zmtp_script.hpp"

#include <algorithm>

namespace zconform::fuzz {

namespace {

constexpr uint8_t kMore = 0x01, kLong = 0x02, kCommand = 0x04;
// Records after this many octets of frames are left out. A large body read as frames (after a
// lying size) is tens of thousands of tiny messages, each a few microseconds of libzmq under
// ASan: with 256 KiB bodies and no bound, 10% of the inputs took 95% of the time.
constexpr size_t kMaxFrames = 128 * 1024;
// And after this many frames, as a conforming receiver reads them: a body of 0x00 octets read as
// frames is 32,768 empty messages in 64 KiB, and each costs libzmq and the application a few
// microseconds under ASan. Both bounds are far above what any rule needs.
constexpr size_t kMaxFrameCount = 1024;

void put_u64(std::string& out, uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>(value >> shift & 0xFF);
}

void put_u32(std::string& out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>(value >> shift & 0xFF);
}

// A ZMTP 2.0/3.x frame (RFC 23 2.3.1) with a declared size that may differ from the body's.
void put_v2_frame(std::string& out, uint8_t flags, bool long_form, uint64_t declared,
                  std::string_view body) {
  out += static_cast<char>(long_form ? flags | kLong : flags & ~kLong);
  if (long_form)
    put_u64(out, declared);
  else
    out += static_cast<char>(declared & 0xFF);
  out += body;
}

// An RFC 13 frame: the length counts the flags octet.
void put_v1_frame(std::string& out, uint8_t flags, bool long_form, uint64_t declared,
                  std::string_view body) {
  if (long_form || declared >= 0xFF) {
    out += '\xFF';
    put_u64(out, declared);
  } else {
    out += static_cast<char>(declared);
  }
  out += static_cast<char>(flags);
  out += body;
}

std::string command_body(std::string_view name, std::string_view data) {
  std::string body(1, static_cast<char>(name.size()));
  body += name;
  body += data;
  return body;
}

std::string property(std::string_view name, std::string_view value) {
  std::string out(1, static_cast<char>(name.size()));
  out += name;
  put_u32(out, static_cast<uint32_t>(value.size()));
  out += value;
  return out;
}

// ZMTP 2.0's socket type numbers (RFC 15).
char zmtp20_type(std::string_view name) {
  static const char* const names[] = {"PAIR",   "PUB",  "SUB",  "REQ",  "REP", "DEALER",
                                      "ROUTER", "PULL", "PUSH", "XPUB", "XSUB"};
  for (size_t i = 0; i < std::size(names); ++i)
    if (name == names[i]) return static_cast<char>(i);
  return 0;
}

// The peer's properties (READY, INITIATE).
std::string peer_properties(const SocketKind& kind, bool identity) {
  std::string properties = property("Socket-Type", kind.peer);
  if (identity) properties += property("Identity", "peer");
  return properties;
}

// The handshake in the steps a peer writes between the socket's commands (ZmtpScript::handshake).
std::vector<std::string> handshake(const SocketKind& kind, int version, bool identity) {
  std::string out;
  if (version == 10) {  // RFC 13: the identity frame is the whole greeting
    put_v1_frame(out, 0, false, 1, "");
    return {out};
  }
  out += '\xFF';
  out.append(8, '\0');
  out += '\x7F';
  if (version == 20) {  // RFC 15: revision, socket type, identity frame
    out += '\x01';
    out += zmtp20_type(kind.peer);
    put_v2_frame(out, 0, false, 0, "");
    return {out};
  }
  out += '\x03';
  out += version == 31 ? '\x01' : '\x00';
  static const char* const mechanisms[] = {"NULL", "PLAIN", "CURVE"};
  std::string mechanism = mechanisms[static_cast<int>(kind.mechanism)];
  mechanism.resize(20, '\0');
  out += mechanism;
  out.append(32, '\0');  // as-server 0, filler
  const std::string properties = peer_properties(kind, identity);
  if (kind.mechanism == Mechanism::curve) return {out};  // the rest is played live
  if (kind.mechanism == Mechanism::plain) {  // RFC 24: HELLO, then INITIATE once WELCOME has come
    const std::string hello = command_body("HELLO", std::string("\x04user\x04pass", 10));
    put_v2_frame(out, kCommand, false, hello.size(), hello);
    std::string initiate_frame;
    const std::string initiate = command_body("INITIATE", properties);
    put_v2_frame(initiate_frame, kCommand, initiate.size() > 255, initiate.size(), initiate);
    return {out, initiate_frame};
  }
  const std::string ready = command_body("READY", properties);
  put_v2_frame(out, kCommand, ready.size() > 255, ready.size(), ready);
  return {out};
}

// A greeting and handshake commands read from the input (setup bit 7): the same structure, every
// field mutable, so that libzmq's greeting, mechanism and metadata parsers are fuzzed as well.
std::string handshake_from_input(ByteReader& in, const SocketKind& kind) {
  static const char* const mechanisms[] = {"NULL", "PLAIN", "CURVE", "", "GSSAPI"};
  static const char* const commands[] = {"READY", "HELLO", "INITIATE", "WELCOME",
                                         "ERROR", "PING",  "SUBSCRIBE"};
  static const char* const names[] = {"Socket-Type", "Identity", "Resource", "User-Id", "X-Custom"};
  std::string out = std::string("\xFF") + std::string(8, '\0') + '\x7F';
  out += static_cast<char>(in.u8());  // major
  out += static_cast<char>(in.u8());  // minor
  const uint8_t m = in.u8();
  std::string mechanism = m % 6 < 5 ? mechanisms[m % 6] : std::string(in.bytes(20));
  mechanism.resize(20, '\0');
  out += mechanism;
  out += static_cast<char>(in.u8() & 1);  // as-server
  out.append(31, '\0');
  for (int count = in.u8() % 4; count > 0; --count) {
    const uint8_t c = in.u8();
    std::string data;
    for (int properties = in.u8() % 4; properties > 0; --properties) {
      const uint8_t p = in.u8();
      const std::string name = p % 6 < 5 ? names[p % 6] : std::string(in.bytes(in.u8()));
      const uint8_t v = in.u8();
      const std::string value =
          name == "Socket-Type" && v < 128 ? kind.peer : std::string(in.bytes(v & 0x7F));
      data += property(name, value);
    }
    data += in.bytes(in.u8());  // what follows the properties (HELLO's credentials, a PING's TTL)
    const std::string body =
        command_body(c % 8 < 7 ? commands[c % 8] : std::string(in.bytes(in.u8())), data);
    put_v2_frame(out, kCommand, body.size() > 255, body.size(), body);
  }
  return out;
}

}  // namespace

ZmtpScript build_zmtp_script(ByteReader& in) {
  ZmtpScript script;
  const uint8_t setup = in.u8();
  script.socket_index = setup & 7;
  if (setup & 8) {
    script.socket_index += kTypeCount * (in.u8() & 1 ? 2 : 1);  // CURVE, else PLAIN
    script.zap = read_zap_answer(in);
  }
  static constexpr int kVersions[] = {31, 30, 20, 10};
  script.version = kVersions[setup >> 4 & 3];
  const auto& kind = socket_kinds()[script.socket_index];
  const bool identity = (setup & 0x40) != 0;
  if (setup & 0x80 && script.version >= 30) {
    script.handshake = {handshake_from_input(in, kind)};
    script.checkable = false;  // which framing follows is libzmq's to decide
  } else {
    script.handshake = handshake(kind, script.version, identity);
    script.await_handshake = script.version >= 30;
    script.curve_session = kind.mechanism == Mechanism::curve && script.version >= 30;
    if (script.curve_session) script.curve_metadata = peer_properties(kind, identity);
  }

  auto put = script.version == 10 ? put_v1_frame : put_v2_frame;
  const uint64_t counted = script.version == 10 ? 1 : 0;  // RFC 13 counts the flags octet
  while (!in.empty() && script.frames.size() < kMaxFrames) {
    const uint8_t k = in.u8();
    const uint8_t flags = static_cast<uint8_t>((k & 4 ? kMore : 0) | (k & 8 ? kCommand : 0));
    const bool long_form = (k & 16) != 0;
    switch (k & 3) {
      case 0: {  // the long form where the size needs it (a short one would be a lie: kind 1)
        const std::string_view body = in.bytes(in.u16());
        put(script.frames, flags, long_form || body.size() + counted > 255, body.size() + counted,
            body);
        break;
      }
      case 1: {
        const uint8_t raw_flags = in.u8();
        const uint64_t declared = long_form ? in.u64() : in.u8();
        put(script.frames, raw_flags, long_form, declared, in.bytes(in.u16()));
        break;
      }
      case 2: {
        const size_t count = in.u16();
        const std::string body(count, static_cast<char>(in.u8()));
        put(script.frames, flags, long_form || body.size() + counted > 255, body.size() + counted,
            body);
        break;
      }
      default: script.frames += in.bytes(in.u8());
    }
  }
  const auto parsed = frames_in(script.frames, script.version);
  if (parsed.size() > kMaxFrameCount) script.frames.resize(parsed[kMaxFrameCount - 1].end);
  return script;
}

std::vector<ParsedFrame> frames_in(std::string_view frames, int version) {
  // libzmq allocates a declared size up front; ASan lets it have 64 MiB (sanitizer_defaults.cpp).
  constexpr uint64_t kLargest = uint64_t{64} << 20;
  std::vector<ParsedFrame> parsed;
  ByteReader in(reinterpret_cast<const uint8_t*>(frames.data()), frames.size());
  size_t left = frames.size();
  auto take = [&](size_t n) {
    left -= std::min(n, left);
    return n;
  };
  while (left > 0) {
    uint8_t flags = 0;
    uint64_t size = 0;
    if (version == 10) {
      size = in.u8();
      take(1);
      if (size == 0xFF) {
        if (left < 8) break;
        size = in.u64();
        take(8);
      }
      if (size == 0 || left < 1) break;  // libzmq refuses a length without the flags octet
      flags = in.u8() & kMore;
      take(1);
      size -= 1;
    } else {
      flags = in.u8();
      take(1);
      const size_t width = flags & kLong ? 8 : 1;
      if (left < width) break;
      size = width == 8 ? in.u64() : in.u8();
      take(width);
    }
    if (size > kLargest || size > left) break;  // refused, or cut off by the end of the stream
    const std::string_view body = in.bytes(take(size));
    parsed.push_back({flags, body, frames.size() - left});
  }
  return parsed;
}

std::vector<Message> messages_in(std::string_view frames, int version, bool subscriptions_as_data) {
  // Octal escapes: in "\x06CANCEL" the C would be read as a hex digit.
  static constexpr std::string_view kSubscribe = "\11SUBSCRIBE", kCancel = "\6CANCEL";
  auto subscription = [](std::string_view body) {
    return body.substr(0, kSubscribe.size()) == kSubscribe ||
           body.substr(0, kCancel.size()) == kCancel;
  };
  std::vector<Message> messages;
  Message current;
  for (const ParsedFrame& frame : frames_in(frames, version)) {
    // A command: the session does not deliver it.
    if ((frame.flags & kCommand) && !(subscriptions_as_data && subscription(frame.body))) continue;
    current.emplace_back(frame.body);
    if (!(frame.flags & kMore)) messages.push_back(std::move(current)), current.clear();
  }
  return messages;
}

}  // namespace zconform::fuzz
