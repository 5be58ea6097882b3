#pragma once
// UTC times as reports name and stamp them.
#include <chrono>
#include <ctime>
#include <iomanip>
#include <sstream>
#include <string>

namespace zconform {

inline std::string utc_time(std::chrono::system_clock::time_point when, const char* format) {
  const std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::ostringstream out;
  out << std::put_time(&tm, format);
  return out.str();
}

inline constexpr const char* kIsoUtc = "%Y-%m-%dT%H:%M:%SZ";  // report.json's started_at
inline constexpr const char* kStampUtc = "%Y%m%dT%H%M%SZ";    // reports/<stamp>/

}  // namespace zconform
