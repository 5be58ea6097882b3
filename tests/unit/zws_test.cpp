// ZWS 2.0 framing and the WebSocket upgrade (harness/zmtp/zws_frame.*, ws_upgrade.*): the length
// encodings at their boundaries, masking, the ZMTP mapping, and heads that must be refused.
#include <gtest/gtest.h>

#include "zmtp/command.hpp"
#include "zmtp/ws_upgrade.hpp"
#include "zmtp/zws_frame.hpp"

using namespace zconform::zmtp;

namespace {

const WsMask kMask{0x12, 0x34, 0x56, 0x78};

// Feeds `bytes` one octet at a time: every frame must come out whole, however the stream is cut.
std::vector<WsFrame> decode_bytewise(const std::string& bytes, std::string* error = nullptr) {
  WsFrameDecoder decoder;
  std::vector<WsFrame> frames;
  for (char c : bytes) {
    decoder.feed(std::string_view(&c, 1));
    WsFrame frame;
    std::string why;
    WsFrameDecoder::Status status;
    while ((status = decoder.next(frame, why)) == WsFrameDecoder::Status::frame)
      frames.push_back(frame);
    if (status == WsFrameDecoder::Status::error) {
      if (error) *error = why;
      break;
    }
  }
  return frames;
}

}  // namespace

TEST(Zws, AcceptKeyIsRfc6455sExample) {
  // RFC 6455 1.3: the example key and the accept value the server must send back.
  EXPECT_EQ(ws_accept_for("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST(Zws, LengthsUseTheShortestEncodingAtEachBoundary) {
  // 125 is the largest 7-bit length, 126..65535 take 16 bits, 65536 and up 64 bits.
  const struct {
    size_t payload;
    size_t header;
  } cases[] = {{0, 2}, {125, 2}, {126, 4}, {65535, 4}, {65536, 10}};
  for (const auto& c : cases) {
    for (bool masked : {false, true}) {
      const std::string payload(c.payload, 'p');
      const auto mask = masked ? std::optional<WsMask>(kMask) : std::nullopt;
      const std::string raw = encode_ws_frame(kWsBinary, payload, mask);
      EXPECT_EQ(raw.size(), c.header + (masked ? 4 : 0) + c.payload) << c.payload;
      WsFrameDecoder decoder;
      decoder.feed(raw);
      WsFrame frame;
      std::string error;
      ASSERT_EQ(decoder.next(frame, error), WsFrameDecoder::Status::frame) << error;
      EXPECT_TRUE(frame.fin);
      EXPECT_EQ(frame.opcode, kWsBinary);
      EXPECT_EQ(frame.masked, masked);
      EXPECT_EQ(frame.payload, payload) << c.payload;
      EXPECT_EQ(frame.raw, raw);
    }
  }
}

TEST(Zws, MaskingChangesTheOctetsOnTheWire) {
  const std::string raw = encode_ws_frame(kWsBinary, "abcd", kMask);
  EXPECT_EQ(static_cast<uint8_t>(raw[1]), 0x80 | 4);
  EXPECT_EQ(raw.substr(6), std::string({'a' ^ 0x12, 'b' ^ 0x34, 'c' ^ 0x56, 'd' ^ 0x78}));
}

TEST(Zws, FramesSurviveBytewiseFeeding) {
  const std::string stream = encode_zws_frame({kMore, "first"}, kMask) +
                             encode_zws_frame({0, std::string(300, 'x')}, std::nullopt);
  auto frames = decode_bytewise(stream);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].payload, std::string("\x01", 1) + "first");
  EXPECT_EQ(frames[1].payload.size(), 301u);
}

TEST(Zws, ZmtpFlagsMapToZwsFlagsAndBack) {
  Frame command = ready({{"Socket-Type", "PULL"}});
  command.flags |= kMore | 0x08;  // MORE on a command and a reserved bit: lies kept as written
  auto frames = decode_bytewise(encode_zws_frame(command, std::nullopt));
  ASSERT_EQ(frames.size(), 1u);
  EXPECT_EQ(static_cast<uint8_t>(frames[0].payload[0]), kZwsMore | kZwsCommand | 0x08);
  std::string error;
  auto decoded = zmtp_from_zws(frames[0], error);
  ASSERT_TRUE(decoded) << error;
  EXPECT_TRUE(decoded->command);
  EXPECT_TRUE(decoded->more);
  EXPECT_EQ(decoded->reserved_bits, 0x08);
  EXPECT_EQ(decoded->body, command.body);
}

TEST(Zws, PingAndPongAreWebSocketControlFrames) {
  auto frames = decode_bytewise(encode_zws_frame(ping(0, "ctx"), kMask) +
                                encode_zws_frame(pong("ctx"), std::nullopt));
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].opcode, kWsPing);
  EXPECT_EQ(frames[0].payload, "ctx");
  EXPECT_EQ(frames[1].opcode, kWsPong);
  std::string error;
  auto as_pong = zmtp_from_zws(frames[1], error);
  ASSERT_TRUE(as_pong);
  auto command = parse_command_body(as_pong->body, error);
  ASSERT_TRUE(command);
  EXPECT_EQ(command->name, "PONG");
  EXPECT_EQ(command->data, "ctx");
}

TEST(Zws, WhatZwsCannotCarryIsNamed) {
  EXPECT_EQ(zws_unsupported({0, "plain"}), "");
  EXPECT_EQ(zws_unsupported(ping(0, "ctx")), "");
  Frame lie{0, "x"};
  lie.size_override = 5;
  EXPECT_NE(zws_unsupported(lie), "");
  Frame long_short{0, "x"};
  long_short.force_long = true;
  EXPECT_NE(zws_unsupported(long_short), "");
  Frame raw{0, "x"};
  raw.raw_flags = 0x02;
  EXPECT_NE(zws_unsupported(raw), "");
  EXPECT_NE(zws_unsupported(ping(10, "")).find("TTL"), std::string::npos);
}

TEST(Zws, FramesWithNoZmtpMeaningAreRefused) {
  std::string error;
  WsFrame empty_binary{true, kWsBinary, 0, false, "", ""};
  EXPECT_FALSE(zmtp_from_zws(empty_binary, error));
  EXPECT_NE(error.find("no flags octet"), std::string::npos) << error;
  WsFrame text{true, kWsText, 0, false, "\x00hi", ""};
  EXPECT_FALSE(zmtp_from_zws(text, error));
}

TEST(Zws, AHugeOrTopBitLengthIsAnErrorBeforeAnyBody) {
  std::string error;
  decode_bytewise(std::string("\x82\x7f\x80\0\0\0\0\0\0\0", 10), &error);
  EXPECT_NE(error.find("top bit"), std::string::npos) << error;
  error.clear();
  decode_bytewise(std::string("\x82\x7f\x00\x00\x00\x10\x00\x00\x00\x00", 10), &error);
  EXPECT_NE(error.find("exceeds the limit"), std::string::npos) << error;
}

TEST(WsUpgrade, ARequestRoundTripsAndItsFieldsAreRead) {
  const std::string head = ws_upgrade_request(
      "127.0.0.1:5555", "/path", "dGhlIHNhbXBsZSBub25jZQ==", {"ZWS2.0/NULL", "ZWS2.0"});
  EXPECT_EQ(http_head_end(head), head.size());
  std::string error;
  auto request = parse_ws_upgrade_request(head, error);
  ASSERT_TRUE(request) << error;
  EXPECT_EQ(request->target, "/path");
  EXPECT_EQ(request->key, "dGhlIHNhbXBsZSBub25jZQ==");
  EXPECT_EQ(request->protocols, (std::vector<std::string>{"ZWS2.0/NULL", "ZWS2.0"}));
}

TEST(WsUpgrade, ARequestMissingWhatRfc6455RequiresIsRefusedByName) {
  const std::string good =
      ws_upgrade_request("h", "/", "dGhlIHNhbXBsZSBub25jZQ==", {"ZWS2.0/NULL"});
  const struct {
    std::string from, to, named;
  } cases[] = {{"GET", "POST", "not GET"},
               {"Upgrade: websocket\r\n", "", "Upgrade"},
               {"Connection: Upgrade\r\n", "Connection: keep-alive\r\n", "Connection"},
               {"Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8", "not 13"},
               {"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", "", "Sec-WebSocket-Key"}};
  for (const auto& c : cases) {
    std::string head = good;
    head.replace(head.find(c.from), c.from.size(), c.to);
    std::string error;
    EXPECT_FALSE(parse_ws_upgrade_request(head, error)) << c.from;
    EXPECT_NE(error.find(c.named), std::string::npos) << error;
  }
  std::string error;
  EXPECT_FALSE(parse_ws_upgrade_request("GET / HTTP/1.1\r\nHost: x\r\n\r\n", error));
}

TEST(WsUpgrade, AResponseMustSwitchWithTheRightAcceptValue) {
  const std::string key = "dGhlIHNhbXBsZSBub25jZQ==";
  std::string error;
  auto ok = parse_ws_upgrade_response(ws_upgrade_response(key, "ZWS2.0/NULL"), key, error);
  ASSERT_TRUE(ok) << error;
  EXPECT_EQ(ok->status, 101);
  EXPECT_EQ(ok->protocol, "ZWS2.0/NULL");

  EXPECT_FALSE(parse_ws_upgrade_response(ws_upgrade_response("b3RoZXIga2V5IDEyMzQ1Ng==", "ZWS2.0"),
                                         key, error));
  EXPECT_NE(error.find("Sec-WebSocket-Accept"), std::string::npos) << error;

  const std::string refused = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n";
  EXPECT_FALSE(parse_ws_upgrade_response(refused, key, error));
  EXPECT_NE(error.find("status 400"), std::string::npos) << error;
  EXPECT_EQ(http_status(refused), 400);
  EXPECT_EQ(http_status("not http at all\r\n\r\n"), 0);
}
