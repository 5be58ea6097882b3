#include "common/zap_answer.hpp"

#include <string_view>

namespace zconform::fuzz {

namespace {

// How `metadata` parses as properties (name length, name, u32 value length, value): to its end
// (admit), not (refuse), or cut off right after a name or a value's length (either, see
// verdict()). Properties libzmq checks against the socket (Socket-Type: the peer's type must
// match; Identity: a routing id) make the admission depend on more than the answer: either.
ZapAnswer::Verdict parse_verdict(std::string_view metadata) {
  using Verdict = ZapAnswer::Verdict;
  Verdict verdict = Verdict::admit;
  std::string_view left = metadata;
  while (!left.empty()) {
    const size_t name_size = static_cast<unsigned char>(left[0]);
    if (left.size() < 1 + name_size) return Verdict::refuse;  // a length octet alone, too
    if (const std::string_view name = left.substr(1, name_size);
        name == "Socket-Type" || name == "Identity")
      verdict = Verdict::either;
    left.remove_prefix(1 + name_size);
    if (left.empty()) return Verdict::either;  // cut after the name
    if (left.size() < 4) return Verdict::refuse;
    size_t value_size = 0;
    for (int i = 0; i < 4; ++i) value_size = value_size << 8 | static_cast<unsigned char>(left[i]);
    left.remove_prefix(4);
    if (left.size() < value_size) return left.empty() ? Verdict::either : Verdict::refuse;
    left.remove_prefix(value_size);
  }
  return verdict;
}

}  // namespace

ZapAnswer::Verdict ZapAnswer::verdict() const {
  if (status_code != "200" || fault != Fault::none) return Verdict::refuse;
  return parse_verdict(metadata);
}

std::vector<std::string> ZapAnswer::reply_frames(const std::string& request_id) const {
  std::vector<std::string> frames = {fault == Fault::version ? "2.0" : "1.0",
                                     fault == Fault::request_id ? request_id + "x" : request_id,
                                     status_code, status_text, user_id};
  if (fault != Fault::six_frames) frames.push_back(metadata);
  return frames;
}

ZapAnswer read_zap_answer(ByteReader& in) {
  const uint8_t selector = in.u8();
  ZapAnswer answer;
  switch (selector & 7) {
    case 5: answer.status_code = "400"; break;
    case 6: answer.status_code = "500"; break;
    case 7: answer.status_code = std::string(in.bytes(3)); break;
    default: break;
  }
  // A 300 leaves the connection to libzmq 4.3.4's handshake timer (30 s by default: the ZAP-02
  // finding in conformance/baselines), so every such input would last that long. It is sent as
  // 400: the paths a temporary failure takes are the security scenarios' to check.
  if (answer.status_code == "300") answer.status_code = "400";
  answer.fault = static_cast<ZapAnswer::Fault>(selector >> 3 & 3);
  if (selector & 0x20) answer.status_text = std::string(in.bytes(in.u8()));
  answer.user_id = std::string(in.bytes(in.u8()));
  answer.metadata = std::string(in.bytes(in.u8()));
  return answer;
}

}  // namespace zconform::fuzz
