// The engine fuzz target's ZAP oracle (fuzz/common/zap_answer.hpp): which answers a conforming
// ZAP client admits on, which it refuses, and which libzmq is known to take either way. A wrong
// verdict here is a false finding, or a refusal the fuzzer never checks.
#include "common/zap_answer.hpp"

#include <gtest/gtest.h>

#include <string>

using zconform::fuzz::ByteReader;
using zconform::fuzz::read_zap_answer;
using zconform::fuzz::ZapAnswer;
using Verdict = ZapAnswer::Verdict;

namespace {

ZapAnswer read(const std::string& input) {
  ByteReader in(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  return read_zap_answer(in);
}

std::string property(const std::string& name, const std::string& value) {
  std::string out(1, static_cast<char>(name.size()));
  out += name;
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>(value.size() >> shift);
  return out + value;
}

ZapAnswer with_metadata(const std::string& metadata) {
  ZapAnswer answer;
  answer.metadata = metadata;
  return answer;
}

}  // namespace

TEST(ZapAnswer, ReadsStatusUserIdAndMetadataFromTheInput) {
  const ZapAnswer answer = read(std::string("\x00\x02ui\x03xyz", 8));
  EXPECT_EQ(answer.status_code, "200");
  EXPECT_EQ(answer.status_text, "OK");
  EXPECT_EQ(answer.user_id, "ui");
  EXPECT_EQ(answer.metadata, "xyz");
  EXPECT_EQ(read(std::string("\x05\x00\x00", 3)).status_code, "400");
  EXPECT_EQ(read(std::string("\x06\x00\x00", 3)).status_code, "500");
  EXPECT_EQ(read(std::string("\x07"
                             "299\x00\x00",
                             6))
                .status_code,
            "299");
  EXPECT_EQ(read(std::string("\x20\x03no!\x00\x00", 7)).status_text, "no!");
}

TEST(ZapAnswer, ATemporaryFailureIsSentAsARefusal) {
  // libzmq 4.3.4 keeps a connection refused with 300 open until its handshake timer.
  EXPECT_EQ(read(std::string("\x07"
                             "300\x00\x00",
                             6))
                .status_code,
            "400");
}

TEST(ZapAnswer, OnlyAWellFormed200Admits) {
  EXPECT_EQ(ZapAnswer{}.verdict(), Verdict::admit);
  EXPECT_EQ(with_metadata(property("X-Tag", "v") + property("", "")).verdict(), Verdict::admit);
  ZapAnswer refused;
  refused.status_code = "400";
  EXPECT_EQ(refused.verdict(), Verdict::refuse);
  refused.status_code = "20";
  EXPECT_EQ(refused.verdict(), Verdict::refuse);
  for (auto fault :
       {ZapAnswer::Fault::version, ZapAnswer::Fault::request_id, ZapAnswer::Fault::six_frames}) {
    ZapAnswer faulty;
    faulty.fault = fault;
    EXPECT_EQ(faulty.verdict(), Verdict::refuse);
  }
}

TEST(ZapAnswer, MalformedMetadataRefuses) {
  const std::string tag = property("X-Tag", "value");
  EXPECT_EQ(with_metadata(tag.substr(0, tag.size() - 1)).verdict(), Verdict::refuse);  // value cut
  EXPECT_EQ(with_metadata(tag.substr(0, 3)).verdict(), Verdict::refuse);               // name cut
  EXPECT_EQ(with_metadata(tag.substr(0, 8)).verdict(), Verdict::refuse);  // value length cut
  EXPECT_EQ(with_metadata(tag + "\x01").verdict(), Verdict::refuse);      // a name length alone
}

TEST(ZapAnswer, MetadataLibzmqTakesCutOffIsLeftUnchecked) {
  // mechanism.cpp:254-261 (4.3.4) break out of the loop with nothing left, and :285 takes that.
  const std::string tag = property("X-Tag", "value");
  EXPECT_EQ(with_metadata(tag.substr(0, 6)).verdict(), Verdict::either);   // after the name
  EXPECT_EQ(with_metadata(tag.substr(0, 10)).verdict(), Verdict::either);  // after the length
  // And properties libzmq checks against the socket.
  EXPECT_EQ(with_metadata(property("Socket-Type", "PUSH")).verdict(), Verdict::either);
  EXPECT_EQ(with_metadata(property("Identity", "x")).verdict(), Verdict::either);
}

TEST(ZapAnswer, ReplyFramesCarryTheFaults) {
  ZapAnswer answer;
  answer.user_id = "u";
  EXPECT_EQ(answer.reply_frames("7"), (std::vector<std::string>{"1.0", "7", "200", "OK", "u", ""}));
  answer.fault = ZapAnswer::Fault::version;
  EXPECT_EQ(answer.reply_frames("7")[0], "2.0");
  answer.fault = ZapAnswer::Fault::request_id;
  EXPECT_NE(answer.reply_frames("7")[1], "7");
  answer.fault = ZapAnswer::Fault::six_frames;
  EXPECT_EQ(answer.reply_frames("7").size(), 5u);
}
