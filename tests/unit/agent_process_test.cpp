// Agent processes hold their own standard streams and nothing of each other's: an agent that
// kept another's pipe end alive made the driver wait for an end-of-file that never came.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "agent/agent_process.hpp"

using namespace zconform;

namespace {

std::string proc(int pid, const std::string& what) {
  return "/proc/" + std::to_string(pid) + "/" + what;
}

std::string command_of(int pid) {
  std::ifstream in(proc(pid, "cmdline"));
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// What each open descriptor refers to ("pipe:[2058667]", "/dev/null", ...).
std::set<std::string> open_files(int pid) {
  std::set<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(proc(pid, "fd")))
    files.insert(std::filesystem::read_symlink(e.path()).string());
  return files;
}

}  // namespace

TEST(AgentProcess, AnAgentHoldsNoEndOfAnotherAgentsPipes) {
  AgentProcess first({{"cat"}, {}, {}});
  AgentProcess second({{"sleep", "30"}, {}, {}});
  // Past the exec, every descriptor marked close-on-exec is gone.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  auto execed = [&] { return command_of(second.pid()).find("sleep") != std::string::npos; };
  while (!execed() && std::chrono::steady_clock::now() < deadline) {
  }
  ASSERT_TRUE(execed()) << command_of(second.pid());
  const std::set<std::string> held = open_files(second.pid());
  for (int fd = 0; fd <= 2; ++fd) {
    const std::string pipe =
        std::filesystem::read_symlink(proc(first.pid(), "fd/" + std::to_string(fd))).string();
    EXPECT_EQ(held.count(pipe), 0u)
        << "the second agent holds the first's fd " << fd << ": " << pipe;
  }
}
