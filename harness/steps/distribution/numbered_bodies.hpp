#pragma once
// The numbered bodies round_robin and fair_queue send ("rr-12", "fq-b1-3"), read back.
#include <string>

namespace zconform::steps {

// "rr-12" -> 12; -1 when the frame is not one of ours.
inline int number_after(const std::string& frame, const std::string& prefix) {
  if (frame.rfind(prefix, 0) != 0) return -1;
  try {
    return std::stoi(frame.substr(prefix.size()));
  } catch (const std::exception&) {
    return -1;
  }
}

}  // namespace zconform::steps
