#include "run/case_result.hpp"

namespace zconform {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass: return "pass";
    case Verdict::fail: return "fail";
    case Verdict::non_strict: return "non-strict";
    case Verdict::informational: return "informational";
    case Verdict::unsupported: return "unsupported";
    case Verdict::error: return "error";
  }
  return "error";
}

}  // namespace zconform
