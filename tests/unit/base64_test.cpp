#include "protocol/base64.hpp"

#include <gtest/gtest.h>

using zconform::protocol::base64_decode;
using zconform::protocol::base64_encode;

TEST(Base64, EncodesRfc4648TestVectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, RoundTripsEveryByteValue) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (size_t len = 0; len <= all.size(); len += 37) {
    auto decoded = base64_decode(base64_encode(all.substr(0, len)));
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(*decoded, all.substr(0, len));
  }
}

TEST(Base64, RejectsMalformedText) {
  EXPECT_FALSE(base64_decode("Zg="));       // length not a multiple of 4
  EXPECT_FALSE(base64_decode("Z*=="));      // outside the alphabet
  EXPECT_FALSE(base64_decode("Zh=="));      // non-zero bits under the padding
  EXPECT_FALSE(base64_decode("Zg==Zg=="));  // padding before the end
  EXPECT_FALSE(base64_decode("=Zg="));
}
