// What the fuzz process's ZAP handler (RFC 27) answers a PLAIN or CURVE server, read from the
// input: libzmq's ZAP client (src/zap_client.cpp) parses the reply, its status, user id and
// metadata, and only a fuzzed reply reaches the paths a refusal or a malformed reply takes.
//
// Input: a selector byte, then the fields it asks for:
//   bits 0-2  status code: 0-4 "200", 5 "400", 6 "500", 7 three octets from the input
//   bits 3-4  a fault: 0 none, 1 version "2.0", 2 a request id not the request's, 3 the metadata
//             frame left out (six frames)
//   bit 5     a status text from the input (u8 length), else "OK"
//   then always: the user id (u8 length), the metadata (u8 length, as is: property encoding
//   when well-formed)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/byte_reader.hpp"

namespace zconform::fuzz {

struct ZapAnswer {
  enum class Fault : uint8_t { none, version, request_id, six_frames };

  std::string status_code = "200";
  std::string status_text = "OK";
  std::string user_id;
  std::string metadata;
  Fault fault = Fault::none;

  enum class Verdict { admit, refuse, either };
  // What a conforming ZAP client does on this answer: admit on a well-formed 200 whose metadata
  // is a list of properties libzmq takes, refuse otherwise (RFC 27). `either` where libzmq 4.3.4
  // is known to differ: it takes metadata cut off right after a property's name or its value's
  // length (mechanism.cpp:254-261 break out of the loop with nothing left, and :285 sees no
  // error), so that is no finding of the fuzzer's.
  Verdict verdict() const;
  bool admits() const { return verdict() == Verdict::admit; }
  // The reply's frames after the envelope, for the request whose id is `request_id`.
  std::vector<std::string> reply_frames(const std::string& request_id) const;
};

ZapAnswer read_zap_answer(ByteReader& in);

}  // namespace zconform::fuzz
