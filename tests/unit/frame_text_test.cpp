#include "run/frame_text.hpp"

#include <gtest/gtest.h>

using namespace zconform;

TEST(FrameText, QuotesPrintableAndSummarisesBinary) {
  EXPECT_EQ(describe_frames({"ab", ""}), "[\"ab\", \"\"]");
  EXPECT_EQ(describe_frames({std::string("\x00\x01", 2)}), "[<2 bytes: 0001>]");
  EXPECT_EQ(describe_frames({std::string(300, 'x')}).substr(0, 12), "[<300 bytes:");
}

TEST(FrameText, NamesTheFirstDifference) {
  EXPECT_EQ(first_difference({"a", "b"}, {"a", "b"}), "");
  EXPECT_EQ(first_difference({"a", "b"}, {"a"}), "2 frames expected, 1 received");
  EXPECT_EQ(first_difference({"a", "bcd"}, {"a", "bxd"}), "frame 2 of 2 differs at byte 1");
  EXPECT_EQ(first_difference({"abc"}, {"ab"}), "frame 1 of 1 has 2 bytes, 3 expected");
}

TEST(FrameText, NumberInReadsBackWhatSubstituteNumberWrote) {
  EXPECT_EQ(number_in("m-{n}-x", substitute_number("m-{n}-x", 42)), 42);
  EXPECT_EQ(number_in("{n}", "0"), 0);
  EXPECT_EQ(number_in("m-{n}", "m-"), std::nullopt);     // no digits
  EXPECT_EQ(number_in("m-{n}", "m-4a"), std::nullopt);   // not only digits
  EXPECT_EQ(number_in("m-{n}", "n-4"), std::nullopt);    // another prefix
  EXPECT_EQ(number_in("plain", "plain"), std::nullopt);  // no {n} in the pattern
}
