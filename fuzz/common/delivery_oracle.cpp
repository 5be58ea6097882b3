#include "common/delivery_oracle.hpp"

#include <cstdio>
#include <string_view>

namespace zconform::fuzz {

namespace {

std::string mismatch_with(const SocketKind& kind, const std::vector<Message>& expected,
                          const std::vector<Message>& delivered) {
  if (delivered.size() > expected.size())
    return "delivered " + std::to_string(delivered.size()) + " messages of " +
           std::to_string(expected.size()) +
           " whole ones sent; the first extra: " + describe(delivered[expected.size()]);
  for (size_t i = 0; i < delivered.size(); ++i) {
    Message got = delivered[i];
    if (std::string_view(kind.name) == "ROUTER") {
      if (got.empty()) return "delivered message " + std::to_string(i) + " without a routing id";
      got.erase(got.begin());  // the routing id ROUTER puts first
    }
    if (got != expected[i])
      return "delivered message " + std::to_string(i) + " other than sent: " + describe(got) +
             " instead of " + describe(expected[i]);
  }
  return "";
}

}  // namespace

std::string first_messages_mismatch(const SocketKind& kind, const ZmtpScript& script,
                                    const std::vector<Message>& delivered) {
  const std::string mismatch =
      mismatch_with(kind, messages_in(script.frames, script.version), delivered);
  if (mismatch.empty()) return mismatch;
  // libzmq 4.3.4 hands a SUBSCRIBE or CANCEL command from any peer to its socket
  // (session_base.cpp:186-189, flagged in zmtp_engine.cpp's process_command_message), and a
  // PULL, PAIR, DEALER or ROUTER delivers it to the application as a message whose data is the
  // command's body: a finding (fuzz/README.md, X-CMD-NOT-MESSAGE-01), found by libzmq_engine in
  // its first minute. It is accepted here, beside the conforming reading, so that the fuzzers get
  // past it.
  const std::vector<Message> lenient = messages_in(script.frames, script.version, true);
  return mismatch_with(kind, lenient, delivered).empty() ? "" : mismatch;
}

std::string describe(const Message& message) {
  std::string out = "[";
  for (const std::string& part : message) {
    if (out.size() > 1) out += ", ";
    char hex[4];
    for (size_t i = 0; i < part.size() && i < 16; ++i) {
      std::snprintf(hex, sizeof hex, "%02x", static_cast<unsigned char>(part[i]));
      out += hex;
    }
    if (part.size() > 16) out += "... (" + std::to_string(part.size()) + " octets)";
    if (part.empty()) out += "(empty)";
  }
  return out + "]";
}

}  // namespace zconform::fuzz
