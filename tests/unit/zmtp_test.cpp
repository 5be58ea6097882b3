// The harness's own ZMTP codec (harness/zmtp): exact wire octets, round trips, and the malformed
// input the raw peer must send on purpose or survive when an implementation sends it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "zmtp/command.hpp"
#include "zmtp/describe.hpp"
#include "zmtp/frame.hpp"
#include "zmtp/greeting.hpp"

using namespace zconform::zmtp;
using namespace std::string_literals;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using Status = FrameDecoder::Status;

// Readable failure messages for the enums (found by argument-dependent lookup).
namespace zconform::zmtp {
void PrintTo(FrameDecoder::Status status, std::ostream* out) {
  *out << (status == Status::frame ? "frame" : status == Status::error ? "error" : "need_more");
}
void PrintTo(GreetingVersion version, std::ostream* out) { *out << to_string(version); }
}  // namespace zconform::zmtp

namespace {

std::string big_endian(uint64_t value, int octets) {
  std::string out;
  for (int i = octets - 1; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
  return out;
}

std::string counting_bytes(size_t size) {
  std::string out;
  for (size_t i = 0; i < size; ++i) out.push_back(static_cast<char>(i & 0xFF));
  return out;
}

DecodedFrame decode_one(const std::string& wire) {
  FrameDecoder decoder;
  decoder.feed(wire);
  DecodedFrame frame;
  std::string error;
  EXPECT_EQ(decoder.next(frame, error), Status::frame) << error;
  EXPECT_TRUE(decoder.pending().empty());
  return frame;
}

Command command_of(const Frame& frame) {
  std::string error;
  auto command = parse_command_body(frame.body, error);
  EXPECT_TRUE(command.has_value()) << error;
  return command.value_or(Command{});
}

std::string greeting_prefix(uint8_t signature_last, std::optional<uint8_t> major) {
  std::string bytes = "\xFF"s + std::string(8, '\0') + static_cast<char>(signature_last);
  if (major) bytes.push_back(static_cast<char>(*major));
  return bytes;
}

}  // namespace

// ---- Greeting (GREET-01, GREET-02, GREET-06) ----

TEST(ZmtpGreeting, EncodesNull31AsTheRfcOctets) {
  std::string expected = "\xFF"s + std::string(8, '\0') + "\x7F\x03\x01"s + "NULL" +
                         std::string(16, '\0') + "\x00"s + std::string(31, '\0');
  ASSERT_EQ(expected.size(), 64u);
  EXPECT_EQ(encode_greeting(Greeting{}), expected);
}

TEST(ZmtpGreeting, EncodesWhateverTheFieldsHoldInTheirFixedWidths) {
  Greeting odd;
  odd.signature_first = 0x00;
  odd.padding = "abc";  // shorter than 8: NUL-padded
  odd.signature_last = 0x7E;
  odd.major = 9;
  odd.minor = 200;
  odd.mechanism = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";  // longer than 20: only its first 20 octets
  odd.as_server = 7;
  odd.filler = "x";
  std::string wire = encode_greeting(odd);
  ASSERT_EQ(wire.size(), kGreetingSize);
  EXPECT_EQ(wire[0], '\x00');
  EXPECT_EQ(wire.substr(kPaddingOffset, kPaddingSize), "abc"s + std::string(5, '\0'));
  EXPECT_EQ(wire[kSignatureLastOffset], '\x7E');
  EXPECT_EQ(wire[kMajorOffset], '\x09');
  EXPECT_EQ(static_cast<uint8_t>(wire[kMinorOffset]), 200);
  EXPECT_EQ(wire.substr(kMechanismOffset, kMechanismSize), "ABCDEFGHIJKLMNOPQRST");
  EXPECT_EQ(wire[kAsServerOffset], '\x07');
  EXPECT_EQ(wire.substr(kFillerOffset), "x"s + std::string(30, '\0'));
}

TEST(ZmtpGreeting, DecodeAcceptsNonZeroPaddingAndReportsFieldsAsSent) {
  Greeting sent;
  sent.padding =
      "\x01\x02\x03\x04\x05\x06\x07\x08"s;  // GREET-02: carries no meaning, not validated
  sent.minor = 0;
  sent.mechanism = "PLAIN";
  sent.as_server = 1;
  sent.filler = std::string(31, 'f');
  auto decoded = decode_greeting(encode_greeting(sent));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(*decoded, sent);
  EXPECT_EQ(decoded->mechanism, "PLAIN");
  EXPECT_EQ(decoded->padding, "\x01\x02\x03\x04\x05\x06\x07\x08"s);
}

TEST(ZmtpGreeting, DecodeNeedsSixtyFourOctetsAndReadsOnlyThose) {
  std::string wire = encode_greeting(Greeting{});
  for (size_t n = 0; n < kGreetingSize; ++n) {
    EXPECT_FALSE(decode_greeting(std::string_view(wire).substr(0, n)).has_value())
        << n << " octets";
  }
  auto with_a_frame_after = decode_greeting(wire + "\x04\x05READY"s);
  ASSERT_TRUE(with_a_frame_after.has_value());
  EXPECT_EQ(*with_a_frame_after, Greeting{});
}

TEST(ZmtpGreeting, DecodeThenEncodeGivesBackAnyOctets) {
  std::string arbitrary;
  for (size_t i = 0; i < kGreetingSize; ++i)
    arbitrary.push_back(static_cast<char>((i * 37 + 11) & 0xFF));
  auto decoded = decode_greeting(arbitrary);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(encode_greeting(*decoded), arbitrary);

  // A NUL inside the mechanism is reported; only the trailing NULs are padding.
  Greeting odd_mechanism;
  odd_mechanism.mechanism = "NU\0L"s;
  auto reread = decode_greeting(encode_greeting(odd_mechanism));
  ASSERT_TRUE(reread.has_value());
  EXPECT_EQ(reread->mechanism, "NU\0L"s);
}

TEST(ZmtpGreeting, StagesMatchHowLibzmqSends) {
  EXPECT_EQ(kGreetingPart1, 10u);
  EXPECT_EQ(kGreetingPart2, 1u);
  EXPECT_EQ(kGreetingPart3, 53u);
  std::string wire = encode_greeting(Greeting{});
  EXPECT_EQ(wire.substr(0, kGreetingPart1), greeting_prefix(0x7F, std::nullopt));
  EXPECT_EQ(wire[kGreetingPart1], '\x03');
}

TEST(ZmtpGreeting, ClassifiesAsSoonAsLibzmqWould) {
  // First octet not 0xFF: ZMTP 1.0 after one octet.
  EXPECT_EQ(classify_greeting_prefix("\x00"s), GreetingVersion::zmtp1_0);
  EXPECT_EQ(classify_greeting_prefix("\x05\x00hello"s), GreetingVersion::zmtp1_0);
  // 0xFF: wait for the signature, then bit 0 of octet 9.
  EXPECT_EQ(classify_greeting_prefix(""), std::nullopt);
  EXPECT_EQ(classify_greeting_prefix("\xFF"s), std::nullopt);
  EXPECT_EQ(classify_greeting_prefix(greeting_prefix(0x7F, std::nullopt).substr(0, 9)),
            std::nullopt);
  EXPECT_EQ(classify_greeting_prefix(greeting_prefix(0x7E, std::nullopt)),
            GreetingVersion::zmtp1_0);
  EXPECT_EQ(classify_greeting_prefix(greeting_prefix(0x7F, std::nullopt)), std::nullopt);
  // Then the major version.
  EXPECT_EQ(classify_greeting_prefix(greeting_prefix(0x7F, 0)), GreetingVersion::zmtp1_0);
  EXPECT_EQ(classify_greeting_prefix(greeting_prefix(0x7F, 1)), GreetingVersion::zmtp2_0);
  EXPECT_EQ(classify_greeting_prefix(greeting_prefix(0x7F, 2)), GreetingVersion::unknown);
  EXPECT_EQ(classify_greeting_prefix(greeting_prefix(0x7F, 3)), GreetingVersion::zmtp3_x);
  EXPECT_EQ(classify_greeting_prefix(greeting_prefix(0x01, 4)),
            GreetingVersion::zmtp3_x);  // only bit 0 counts
  EXPECT_EQ(classify_greeting_prefix(greeting_prefix(0x7F, 0xFF)), GreetingVersion::zmtp3_x);
  // GREET-02: padding is not looked at.
  Greeting padded;
  padded.padding = "garbage!";
  EXPECT_EQ(classify_greeting_prefix(encode_greeting(padded)), GreetingVersion::zmtp3_x);
  EXPECT_STREQ(to_string(GreetingVersion::zmtp2_0), "ZMTP 2.0");
}

// ---- Frames (FRAME-01, FRAME-02, FRAME-03) ----

TEST(ZmtpFrame, UsesAShortSizeUpTo255AndALongOneAbove) {
  EXPECT_EQ(encode_frame(Frame{}), "\x00\x00"s);
  EXPECT_EQ(encode_frame(Frame{.flags = kMore, .body = "abc"}),
            "\x01\x03"
            "abc"s);
  std::string body255(255, 'a');
  EXPECT_EQ(encode_frame(Frame{.body = body255}), "\x00\xFF"s + body255);
  std::string body256(256, 'b');
  EXPECT_EQ(encode_frame(Frame{.body = body256}), "\x02"s + big_endian(256, 8) + body256);
  EXPECT_EQ(encode_frame(Frame{.flags = kMore, .body = body256}).substr(0, 1), "\x03"s);
}

TEST(ZmtpFrame, RoundTripsThroughTheDecoderWholeAndOneOctetAtATime) {
  for (size_t size : {0, 1, 254, 255, 256, 257, 70000}) {
    for (uint8_t flags : {uint8_t{0}, kMore, kCommand}) {
      std::string body = counting_bytes(size);
      std::string wire = encode_frame(Frame{.flags = flags, .body = body});
      SCOPED_TRACE("size " + std::to_string(size) + " flags " + std::to_string(flags));

      DecodedFrame whole = decode_one(wire);
      EXPECT_EQ(whole.body, body);
      EXPECT_EQ(whole.declared_size, size);
      EXPECT_EQ(whole.is_long, size > 255);
      EXPECT_EQ(whole.more, flags == kMore);
      EXPECT_EQ(whole.command, flags == kCommand);
      EXPECT_EQ(whole.reserved_bits, 0);
      EXPECT_EQ(whole.raw, wire);

      FrameDecoder decoder;
      DecodedFrame piecewise;
      std::string error;
      for (size_t i = 0; i + 1 < wire.size(); ++i) {
        decoder.feed(wire.substr(i, 1));
        ASSERT_EQ(decoder.next(piecewise, error), Status::need_more) << "after octet " << i;
      }
      decoder.feed(wire.substr(wire.size() - 1));
      ASSERT_EQ(decoder.next(piecewise, error), Status::frame) << error;
      EXPECT_EQ(piecewise, whole);
      EXPECT_EQ(decoder.consumed(), wire.size());
    }
  }
}

TEST(ZmtpFrame, DecodesSeveralFramesFromOneFeedAndKeepsTheRest) {
  std::string first = encode_frame(Frame{.flags = kMore, .body = "one"});
  std::string second = encode_frame(Frame{.flags = kMore, .body = std::string(300, 'x')});
  std::string third = encode_frame(Frame{.body = ""});
  std::string partial = encode_frame(Frame{.body = "four"}).substr(0, 3);
  FrameDecoder decoder;
  decoder.feed(first + second + third + partial);
  DecodedFrame frame;
  std::string error;
  ASSERT_EQ(decoder.next(frame, error), Status::frame);
  EXPECT_EQ(frame.body, "one");
  ASSERT_EQ(decoder.next(frame, error), Status::frame);
  EXPECT_EQ(frame.body.size(), 300u);
  ASSERT_EQ(decoder.next(frame, error), Status::frame);
  EXPECT_EQ(frame.body, "");  // FRAME-05: zero-length frames are legal
  EXPECT_FALSE(frame.more);
  EXPECT_EQ(decoder.next(frame, error), Status::need_more);
  EXPECT_EQ(decoder.pending(), partial);
  EXPECT_EQ(decoder.consumed(), first.size() + second.size() + third.size());
  decoder.feed("our");
  ASSERT_EQ(decoder.next(frame, error), Status::frame);
  EXPECT_EQ(frame.body, "four");
}

TEST(ZmtpFrame, PassesInvalidFieldsThroughForTestsToSend) {
  // FRAME-01: reserved bits go out as given and come back reported, not refused.
  std::string reserved = encode_frame(Frame{.flags = 0x08 | kMore, .body = "a"});
  EXPECT_EQ(reserved,
            "\x09\x01"
            "a"s);
  DecodedFrame decoded = decode_one(reserved);
  EXPECT_EQ(decoded.reserved_bits, 0x08);
  EXPECT_TRUE(decoded.more);

  // FRAME-04: MORE on a command.
  EXPECT_EQ(encode_frame(Frame{.flags = kCommand | kMore, .body = "\x04PING"}).substr(0, 1),
            "\x05"s);

  // A size that lies about the body.
  EXPECT_EQ(encode_frame(Frame{.body = "abc", .size_override = 10}),
            "\x00\x0A"
            "abc"s);
  EXPECT_EQ(encode_frame(Frame{.body = "abc", .size_override = 1}),
            "\x00\x01"
            "abc"s);
  // A lie above 255 needs the 8-octet size to be written at all.
  EXPECT_EQ(encode_frame(Frame{.body = "abc", .size_override = 1000}),
            "\x02"s + big_endian(1000, 8) + "abc");

  // FRAME-03: LONG for a short body, asked for by force_long or by the flags.
  EXPECT_EQ(encode_frame(Frame{.body = "abc", .force_long = true}),
            "\x02"s + big_endian(3, 8) + "abc");
  EXPECT_EQ(encode_frame(Frame{.flags = kLong, .body = "abc"}), "\x02"s + big_endian(3, 8) + "abc");
  DecodedFrame long_short = decode_one(encode_frame(Frame{.body = "abc", .force_long = true}));
  EXPECT_TRUE(long_short.is_long);
  EXPECT_EQ(long_short.body, "abc");

  // raw_flags overrides the flags octet only: LONG flag with a 1-octet size, no LONG with an
  // 8-octet size.
  EXPECT_EQ(encode_frame(Frame{.body = "abc", .raw_flags = kLong}),
            "\x02\x03"
            "abc"s);
  std::string body300(300, 'z');
  EXPECT_EQ(encode_frame(Frame{.flags = kMore, .body = body300, .raw_flags = 0xFF}),
            "\xFF"s + big_endian(300, 8) + body300);
}

TEST(ZmtpFrame, RefusesOversizedFramesAtTheHeaderWithoutWaitingForTheBody) {
  FrameDecoder decoder(1000);
  DecodedFrame frame;
  std::string error;
  decoder.feed("\x02"s + big_endian(1001, 8));  // nothing of the body has arrived
  ASSERT_EQ(decoder.next(frame, error), Status::error);
  EXPECT_EQ(error, "frame of 1001 bytes exceeds the limit 1000");
  EXPECT_TRUE(decoder.failed());
  // The error sticks, and later input is not buffered.
  decoder.feed(std::string(5000, 'x'));
  EXPECT_EQ(decoder.pending().size(), 9u);
  std::string again;
  EXPECT_EQ(decoder.next(frame, again), Status::error);
  EXPECT_EQ(again, error);

  FrameDecoder small(10);
  small.feed("\x00\x0B"s);
  EXPECT_EQ(small.next(frame, error), Status::error);
  EXPECT_EQ(error, "frame of 11 bytes exceeds the limit 10");

  FrameDecoder at_limit(10);
  at_limit.feed("\x00\x0A"s + std::string(10, 'y'));
  EXPECT_EQ(at_limit.next(frame, error), Status::frame);

  // The default limit: 2^40 octets would be an allocation of a terabyte.
  FrameDecoder by_default;
  by_default.feed("\x02"s + big_endian(uint64_t{1} << 40, 8));
  ASSERT_EQ(by_default.next(frame, error), Status::error);
  EXPECT_EQ(error, "frame of 1099511627776 bytes exceeds the limit 67108864");
}

TEST(ZmtpFrame, RefusesLongSizesWithTheTopBitSet) {
  for (uint64_t size : {uint64_t{1} << 63, ~uint64_t{0}}) {
    FrameDecoder decoder(~uint64_t{0});  // even with no limit at all
    DecodedFrame frame;
    std::string error;
    decoder.feed("\x02"s + big_endian(size, 8));
    ASSERT_EQ(decoder.next(frame, error), Status::error);
    EXPECT_THAT(error, HasSubstr("top bit"));
    EXPECT_THAT(error, HasSubstr(std::to_string(size)));
  }
  FrameDecoder decoder;
  DecodedFrame frame;
  std::string error;
  decoder.feed("\x02"s + big_endian(kMaxLongSize, 8));  // legal per FRAME-02, over the limit here
  ASSERT_EQ(decoder.next(frame, error), Status::error);
  EXPECT_THAT(error, StartsWith("frame of 9223372036854775807 bytes exceeds"));
}

TEST(ZmtpFrame, ArbitraryInputSplitsIntoFramesOrAnErrorNeverACrash) {
  uint32_t state = 12345;
  auto random_octet = [&] {
    state = state * 1103515245u + 12345u;
    return static_cast<char>((state >> 16) & 0xFF);
  };
  for (int round = 0; round < 200; ++round) {
    std::string input;
    for (int i = 0; i < 600; ++i) input.push_back(random_octet());
    FrameDecoder decoder(300);
    std::string reassembled;
    DecodedFrame frame;
    std::string error;
    Status status = Status::need_more;
    for (size_t at = 0; at < input.size(); at += 7) {
      decoder.feed(std::string_view(input).substr(at, 7));
      while ((status = decoder.next(frame, error)) == Status::frame) {
        EXPECT_EQ(frame.raw.size(), frame.declared_size + (frame.is_long ? 9 : 2));
        reassembled += frame.raw;
      }
      if (status == Status::error) break;
    }
    EXPECT_EQ(reassembled.size(), decoder.consumed());
    if (status != Status::error) {
      EXPECT_EQ(reassembled + std::string(decoder.pending()), input);
    }
    EXPECT_EQ(input.compare(0, reassembled.size(), reassembled), 0);
  }
}

// ---- Commands and metadata (FRAME-08, NULL-01, NULL-05, NULL-06) ----

TEST(ZmtpCommand, BodyIsNameLengthNameData) {
  Command ready_command{.name = "READY", .data = "xyz"};
  EXPECT_EQ(encode_command_body(ready_command), "\x05READYxyz"s);
  Frame frame = command_frame(ready_command);
  EXPECT_EQ(frame.flags, kCommand);
  EXPECT_EQ(encode_frame(frame), "\x04\x09\x05READYxyz"s);
  EXPECT_EQ(encode_command_body(Command{.name = "READY", .name_length_override = 9}), "\x09READY"s);

  std::string error;
  auto parsed = parse_command_body("\x05READYxyz"s, error);
  ASSERT_TRUE(parsed.has_value()) << error;
  EXPECT_EQ(*parsed, ready_command);
}

TEST(ZmtpCommand, ParseRefusesBodiesWithNoRoomForTheName) {
  std::string error;
  EXPECT_FALSE(parse_command_body("", error).has_value());
  EXPECT_THAT(error, HasSubstr("empty command body"));
  EXPECT_FALSE(parse_command_body("\x00READY"s, error).has_value());
  EXPECT_THAT(error, HasSubstr("name length 0"));
  EXPECT_FALSE(parse_command_body("\x06READY"s, error).has_value());
  EXPECT_EQ(error, "command name length 6 but only 5 octets follow");

  // Non-ALPHA names parse, flagged (FRAME-08).
  auto digits = parse_command_body(
      "\x03R2D"
      "data"s,
      error);
  ASSERT_TRUE(digits.has_value());
  EXPECT_EQ(digits->name, "R2D");
  EXPECT_EQ(digits->data, "data");
  EXPECT_FALSE(digits->name_is_alpha);
  auto alpha = parse_command_body("\x05READY"s, error);
  ASSERT_TRUE(alpha.has_value());
  EXPECT_TRUE(alpha->name_is_alpha);
  EXPECT_EQ(alpha->data, "");
}

TEST(ZmtpCommand, ReadyWithSocketTypeAndIdentityRoundTrips) {
  std::vector<Property> properties{{.name = "Socket-Type", .value = "DEALER"},
                                   {.name = "Identity", .value = ""}};
  Frame frame = ready(properties);
  EXPECT_EQ(frame.flags, kCommand);
  EXPECT_EQ(frame.body, "\x05READY\x0BSocket-Type"s + big_endian(6, 4) + "DEALER" +
                            "\x08Identity"s + big_endian(0, 4));

  DecodedFrame decoded = decode_one(encode_frame(frame));
  ASSERT_TRUE(decoded.command);
  std::string error;
  auto command = parse_command_body(decoded.body, error);
  ASSERT_TRUE(command.has_value()) << error;
  auto parsed = parse_ready(*command, error);
  ASSERT_TRUE(parsed.has_value()) << error;
  EXPECT_EQ(*parsed, properties);

  EXPECT_FALSE(parse_initiate(*command, error).has_value());
  EXPECT_EQ(error, "expected INITIATE, got READY");
  auto initiated = parse_initiate(command_of(initiate(properties)), error);
  ASSERT_TRUE(initiated.has_value()) << error;
  EXPECT_EQ(*initiated, properties);
}

TEST(ZmtpCommand, PropertyLengthsCanLie) {
  std::string wire = encode_properties({{.name = "Socket-Type",
                                         .value = "PUB",
                                         .name_length_override = 3,
                                         .value_length_override = 0x01020304}});
  EXPECT_EQ(wire, "\x03Socket-Type\x01\x02\x03\x04PUB"s);
}

TEST(ZmtpProperties, ParseErrorsNameTheOffset) {
  std::string first = encode_properties({{.name = "Socket-Type", .value = "PUB"}});
  ASSERT_EQ(first.size(), 19u);
  std::string second = encode_properties({{.name = "Identity", .value = "abc"}});
  std::vector<Property> out;
  std::string error;

  // Truncated value of the second property.
  EXPECT_FALSE(parse_properties(first + second.substr(0, second.size() - 1), out, error));
  EXPECT_EQ(error, "truncated property at offset 19: value length 3 but only 2 octets follow");
  EXPECT_EQ(out.size(), 1u);  // what came before the problem

  // Truncated value length.
  EXPECT_FALSE(parse_properties(first + "\x02id\x00\x00"s, out, error));
  EXPECT_EQ(error,
            "truncated property at offset 19: value length needs 4 octets, only 2 octets follow");

  // Truncated name.
  EXPECT_FALSE(parse_properties("\x08Iden"s, out, error));
  EXPECT_EQ(error, "truncated property at offset 0: name length 8 but only 4 octets follow");

  // Trailing octets after complete properties.
  EXPECT_FALSE(parse_properties(first + "\x07"s, out, error));
  EXPECT_EQ(error, "truncated property at offset 19: name length 7 but only 0 octets follow");

  // A value length that lies.
  EXPECT_FALSE(parse_properties(
      encode_properties({{.name = "X", .value = "abc", .value_length_override = 10}}), out, error));
  EXPECT_THAT(error, HasSubstr("at offset 0: value length 10"));

  // NULL-06: a zero-length name is invalid even though libzmq accepts it.
  EXPECT_FALSE(
      parse_properties(first + encode_properties({{.name = "", .value = "v"}}), out, error));
  EXPECT_EQ(error, "zero-length property name at offset 19 (NULL-06)");

  EXPECT_TRUE(parse_properties("", out, error));
  EXPECT_TRUE(out.empty());
}

TEST(ZmtpProperties, LookupIgnoresCaseUnlessAskedForExact) {
  std::vector<Property> properties{{.name = "Socket-Type", .value = "PUB"},
                                   {.name = "Identity", .value = "id"}};
  const Property* found = find_property(properties, "SOCKET-type");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->value, "PUB");
  EXPECT_EQ(find_property(properties, "identity"), &properties[1]);
  EXPECT_EQ(find_property(properties, "Socket-Typ"), nullptr);
  EXPECT_EQ(find_property_exact(properties, "socket-type"), nullptr);
  EXPECT_EQ(find_property_exact(properties, "Socket-Type"), &properties[0]);
}

TEST(ZmtpProperties, ValidNamesFollowNull01) {
  EXPECT_TRUE(is_valid_property_name("Socket-Type"));
  EXPECT_TRUE(is_valid_property_name("X.a+b_9"));
  EXPECT_FALSE(is_valid_property_name(""));
  EXPECT_FALSE(is_valid_property_name("two words"));
  EXPECT_FALSE(is_valid_property_name(std::string(256, 'a')));
  EXPECT_TRUE(is_alpha_name("READY"));
  EXPECT_FALSE(is_alpha_name("READY1"));
}

TEST(ZmtpCommand, ErrorRoundTripsAndRefusesBadLengths) {
  Frame frame = error("bad");
  EXPECT_EQ(frame.body,
            "\x05"
            "ERROR\x03"
            "bad"s);
  std::string message;
  auto reason = parse_error(command_of(frame), message);
  ASSERT_TRUE(reason.has_value()) << message;
  EXPECT_EQ(*reason, "bad");

  EXPECT_FALSE(parse_error(Command{.name = "ERROR",
                                   .data = "\x05"
                                           "ab"s},
                           message)
                   .has_value());
  EXPECT_EQ(message, "ERROR reason length 5 but 2 octets follow");
  EXPECT_FALSE(parse_error(Command{.name = "ERROR",
                                   .data = "\x01"
                                           "ab"s},
                           message)
                   .has_value());
  EXPECT_FALSE(parse_error(Command{.name = "ERROR", .data = ""}, message).has_value());
  EXPECT_THAT(message, HasSubstr("reason length octet"));
  EXPECT_FALSE(parse_error(command_of(ready({})), message).has_value());
  EXPECT_EQ(message, "expected ERROR, got READY");
}

TEST(ZmtpCommand, PingAndPongRoundTrip) {
  Frame frame = ping(10, "ctx");
  EXPECT_EQ(frame.body,
            "\x04PING\x00\x0A"
            "ctx"s);
  std::string error;
  auto parsed = parse_ping(command_of(frame), error);
  ASSERT_TRUE(parsed.has_value()) << error;
  EXPECT_EQ(*parsed, (Ping{.ttl_deciseconds = 10, .context = "ctx", .context_too_long = false}));

  // HB-01 allows 16 octets of context; more is reported, not refused.
  auto long_context = parse_ping(command_of(ping(0xFFFF, std::string(17, 'c'))), error);
  ASSERT_TRUE(long_context.has_value()) << error;
  EXPECT_EQ(long_context->ttl_deciseconds, 0xFFFF);
  EXPECT_TRUE(long_context->context_too_long);
  auto sixteen = parse_ping(command_of(ping(1, std::string(16, 'c'))), error);
  ASSERT_TRUE(sixteen.has_value());
  EXPECT_FALSE(sixteen->context_too_long);

  EXPECT_FALSE(parse_ping(Command{.name = "PING", .data = "\x01"s}, error).has_value());
  EXPECT_THAT(error, HasSubstr("2 needed for the TTL"));

  EXPECT_EQ(pong("ctx").body, "\x04PONGctx"s);
  auto pong_parsed = parse_pong(command_of(pong("ctx")), error);
  ASSERT_TRUE(pong_parsed.has_value()) << error;
  EXPECT_EQ(pong_parsed->context, "ctx");
  EXPECT_FALSE(pong_parsed->context_too_long);
  EXPECT_FALSE(parse_pong(command_of(ping(1)), error).has_value());
}

TEST(ZmtpCommand, PlainHelloWelcomeInitiate) {
  Frame frame = hello("admin", "secret");
  EXPECT_EQ(frame.body,
            "\x05HELLO\x05"
            "admin\x06"
            "secret"s);
  std::string error;
  auto parsed = parse_hello(command_of(frame), error);
  ASSERT_TRUE(parsed.has_value()) << error;
  EXPECT_EQ(*parsed, (Hello{.username = "admin", .password = "secret"}));

  auto empty = parse_hello(command_of(hello("", "")), error);
  ASSERT_TRUE(empty.has_value()) << error;
  EXPECT_EQ(*empty, Hello{});

  EXPECT_FALSE(parse_hello(Command{.name = "HELLO",
                                   .data = "\x05"
                                           "admin\x06"
                                           "sec"s},
                           error)
                   .has_value());
  EXPECT_EQ(error, "HELLO password length 6 but only 3 octets follow");
  EXPECT_FALSE(parse_hello(Command{.name = "HELLO",
                                   .data = "\x05"
                                           "admin"s},
                           error)
                   .has_value());
  EXPECT_THAT(error, HasSubstr("before its password length octet"));
  EXPECT_FALSE(parse_hello(Command{.name = "HELLO", .data = "\x00\x00!"s}, error).has_value());
  EXPECT_EQ(error, "HELLO has 1 octet after the password");

  EXPECT_EQ(encode_frame(welcome()), "\x04\x08\x07WELCOME"s);
  EXPECT_THAT(initiate({{.name = "Socket-Type", .value = "REQ"}}).body,
              StartsWith("\x08INITIATE\x0BSocket-Type"s));
}

TEST(ZmtpCommand, SubscriptionsAsCommandsIn31AndMessagesIn30) {
  // SUB31-01
  EXPECT_EQ(encode_frame(subscribe("A")), "\x04\x0B\x09SUBSCRIBEA"s);
  EXPECT_EQ(encode_frame(cancel("A")),
            "\x04\x08\x06"
            "CANCELA"s);
  EXPECT_EQ(encode_frame(subscribe("")), "\x04\x0A\x09SUBSCRIBE"s);
  EXPECT_EQ(encode_frame(subscription_message("A", true)),
            "\x00\x02\x01"
            "A"s);
  EXPECT_EQ(encode_frame(subscription_message("A", false)),
            "\x00\x02\x00"
            "A"s);
}

// ---- Transcripts ----

TEST(ZmtpDescribe, ReadyShowsItsProperties) {
  DecodedFrame frame = decode_one(encode_frame(
      ready({{.name = "Socket-Type", .value = "PUB"}, {.name = "Identity", .value = ""}})));
  EXPECT_EQ(describe_frame(frame), "COMMAND READY Socket-Type=PUB Identity=\"\"");
  DecodedFrame binary_identity =
      decode_one(encode_frame(ready({{.name = "Identity", .value = "\x00\x01"s}})));
  EXPECT_EQ(describe_frame(binary_identity), "COMMAND READY Identity=<2 bytes: 0001>");
  DecodedFrame malformed = decode_one(encode_frame(ready({{.name = "", .value = "v"}})));
  EXPECT_THAT(describe_frame(malformed),
              StartsWith("COMMAND READY <malformed properties: zero-length property name"));
}

TEST(ZmtpDescribe, MessagesAndOtherCommands) {
  std::string body = counting_bytes(300);
  EXPECT_EQ(describe_frame(decode_one(encode_frame(Frame{.flags = kMore, .body = body}))),
            "MORE|LONG size=300 body=<300 bytes: 000102030405060708090a0b0c0d0e0f...>");
  EXPECT_EQ(describe_frame(decode_one(encode_frame(Frame{.body = "abc"}))), "size=3 body=\"abc\"");
  EXPECT_EQ(describe_frame(decode_one(encode_frame(Frame{.flags = 0x08, .body = ""}))),
            "RESERVED(0x08) size=0 body=\"\"");
  EXPECT_EQ(describe_frame(decode_one(encode_frame(ping(10, "ctx")))),
            "COMMAND PING ttl=10 context=\"ctx\"");
  EXPECT_EQ(describe_frame(decode_one(encode_frame(error("no way")))),
            "COMMAND ERROR reason=\"no way\"");
  EXPECT_EQ(describe_frame(decode_one(encode_frame(subscribe("A")))),
            "COMMAND SUBSCRIBE topic=\"A\"");
  EXPECT_EQ(describe_frame(decode_one(encode_frame(welcome()))), "COMMAND WELCOME");
  EXPECT_EQ(describe_frame(
                decode_one(encode_frame(Frame{.flags = kCommand | kMore, .body = "\x04PONG"s}))),
            "MORE|COMMAND PONG context=\"\"");
  EXPECT_THAT(describe_frame(decode_one(encode_frame(Frame{.flags = kCommand, .body = "\x00"s}))),
              StartsWith("COMMAND <malformed command: command name length 0"));
}

TEST(ZmtpDescribe, HexAndGreetings) {
  EXPECT_EQ(hex("\x00\x01\xFF"s), "0001ff");
  EXPECT_EQ(hex("\x00\x01\xFF"s, 2), "0001...");
  EXPECT_EQ(hex(""), "");
  EXPECT_EQ(describe_greeting(Greeting{}), "greeting 3.1 NULL as-server=0");
  Greeting odd;
  odd.padding = "\x01\x02"s;
  odd.minor = 0;
  EXPECT_EQ(describe_greeting(odd), "greeting 3.0 NULL as-server=0 padding=0102000000000000");
}
