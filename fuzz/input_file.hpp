#pragma once
// For targets whose parser reads a file: the input written to one file of this process's own, so
// that each run reads exactly the bytes libFuzzer gave it. The project's real files (CLAUSES.md,
// pairings.yaml) are found by source_file().
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace zconform::fuzz {

inline std::filesystem::path write_input(const uint8_t* data, size_t size, const char* suffix) {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("zconform-fuzz-" + std::to_string(::getpid()) + suffix);
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

// A project file: from zconform-data/ beside the binary where the fuzzing infrastructure runs it
// without the source tree (.clusterfuzzlite/build.sh puts it there), else from the source tree.
inline std::filesystem::path source_file(const char* relative) {
  std::error_code ec;
  const auto beside = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path() /
                      "zconform-data" / relative;
  if (!ec && std::filesystem::exists(beside)) return beside;
  return std::filesystem::path(ZCONFORM_SOURCE_DIR) / relative;
}

}  // namespace zconform::fuzz
