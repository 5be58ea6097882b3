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
    case Verdict::flaky: return "flaky";
  }
  return "error";
}

std::optional<Verdict> verdict_from_string(std::string_view text) {
  for (Verdict v : kAllVerdicts) {
    if (to_string(v) == text) return v;
  }
  return std::nullopt;
}

}  // namespace zconform
