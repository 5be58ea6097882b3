#include "protocol/messages.hpp"

#include <gtest/gtest.h>

using namespace zconform::protocol;

TEST(Messages, RequestRoundTrip) {
  std::string line = encode_request(
      7, "send",
      {{"socket", "s1"}, {"frames", frames_to_json({"a", "", std::string("\0\xff", 2)})}});
  Request r = parse_request(line);
  EXPECT_EQ(r.id, 7u);
  EXPECT_EQ(r.op, "send");
  Frames frames = frames_from_json(r.args["frames"], "frames");
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[1], "");
  EXPECT_EQ(frames[2], std::string("\0\xff", 2));
}

TEST(Messages, ParsesTheThreeReplyKinds) {
  auto ok = std::get<Reply>(parse_agent_line(encode_ok(3, {{"endpoint", "tcp://127.0.0.1:5555"}})));
  EXPECT_EQ(ok.status, ReplyStatus::ok);
  EXPECT_EQ(ok.body["endpoint"], "tcp://127.0.0.1:5555");

  auto err = std::get<Reply>(
      parse_agent_line(encode_error(4, "EAGAIN", "Resource temporarily unavailable")));
  EXPECT_EQ(err.status, ReplyStatus::error);
  EXPECT_EQ(err.error, "EAGAIN");

  auto uns = std::get<Reply>(parse_agent_line(encode_unsupported(5, "no tipc")));
  EXPECT_EQ(uns.status, ReplyStatus::unsupported);
  EXPECT_EQ(uns.reason, "no tipc");
}

TEST(Messages, ParsesEvents) {
  auto line =
      encode_event("monitor", {{"socket", "s2"}, {"name", "HANDSHAKE_SUCCEEDED"}, {"value", 0}});
  auto event = std::get<Event>(parse_agent_line(line));
  EXPECT_EQ(event.kind, "monitor");
  EXPECT_EQ(event.body["socket"], "s2");
}

// Each malformed line must give an error that quotes it, never a crash or a silent success.
TEST(Messages, RejectsMalformedAgentLinesQuotingThem) {
  const char* bad[] = {
      "this is not json",
      "[1,2,3]",
      R"({"status":"ok"})",         // neither id nor event
      R"({"id":0,"status":"ok"})",  // id must be positive
      R"({"id":-3,"status":"ok"})",
      R"({"id":"7","status":"ok"})",
      R"({"id":7})",  // no status
      R"({"id":7,"status":"maybe"})",
      R"({"id":7,"status":"error"})",  // error without its name
      R"({"event":5})",
  };
  for (const char* line : bad) {
    try {
      parse_agent_line(line);
      ADD_FAILURE() << "accepted: " << line;
    } catch (const ProtocolError& e) {
      EXPECT_NE(std::string(e.what()).find('\''), std::string::npos) << e.what();
    }
  }
}

TEST(Messages, RejectsFramesThatAreNotBase64) {
  EXPECT_THROW(frames_from_json(Json::array({"Zg==", "not base64!"}), "frames"), ProtocolError);
  EXPECT_THROW(frames_from_json(Json::array({1}), "frames"), ProtocolError);
  EXPECT_THROW(frames_from_json(Json("Zg=="), "frames"), ProtocolError);
  try {
    frames_from_json(Json::array({"Zg==", "%%%%"}), "frames");
  } catch (const ProtocolError& e) {
    EXPECT_NE(std::string(e.what()).find("frames[1]"), std::string::npos) << e.what();
  }
}

TEST(Messages, QuoteLineEscapesAndShortens) {
  EXPECT_EQ(quote_line(std::string("a\0b", 3)), "'a\\x00b'");
  std::string long_line(1000, 'x');
  EXPECT_NE(quote_line(long_line).find("(1000 bytes in all)"), std::string::npos);
}
