#pragma once
// Helpers for tests of file loading: a private temporary directory for a test's files, removed
// afterwards, and the check that a loader refuses a file with an error that says where and what.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "util/yaml_errors.hpp"

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char pattern[] = "/tmp/zconform-test-XXXXXX";
    path = ::mkdtemp(pattern);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    auto file = path / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file;
  }
};

// `load` must throw a FileError whose message holds `where` (e.g. "/tmp/.../bad.yaml:3:") and
// `words`.
inline void expect_file_error(const std::function<void()>& load, const std::string& where,
                              const std::string& words) {
  try {
    load();
    ADD_FAILURE() << "accepted; expected an error at " << where << " saying " << words;
  } catch (const zconform::FileError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find(where), std::string::npos) << what;
    EXPECT_NE(what.find(words), std::string::npos) << what;
  }
}
