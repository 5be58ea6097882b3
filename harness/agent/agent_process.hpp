#pragma once
// One agent subprocess: started as the leader of its own process group (so a wrapper such as
// valgrind and everything it spawns can be killed together), stdout read line by line on a
// thread of its own, the tail of stderr kept for error reports. No method sleeps: waits are
// condition-variable waits bounded by a deadline.
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace zconform {

using Clock = std::chrono::steady_clock;

struct LaunchSpec {
  std::vector<std::string> argv;
  std::map<std::string, std::string> env;  // added to the parent's environment
  std::filesystem::path working_dir;       // empty: inherit
};

class LaunchError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// How the process ended, in words: "exited with status 3", "killed by signal 11 (SIGSEGV)".
struct ExitStatus {
  bool exited = false;
  int code = 0;    // when exited
  int signal = 0;  // when killed by a signal
  std::string describe() const;
};

class AgentProcess {
 public:
  explicit AgentProcess(const LaunchSpec& spec);  // throws LaunchError
  ~AgentProcess();                                // kills the group if still running
  AgentProcess(const AgentProcess&) = delete;
  AgentProcess& operator=(const AgentProcess&) = delete;

  pid_t pid() const { return pid_; }

  // False once the agent's stdin is closed (it exited or was killed).
  bool write_line(const std::string& line);

  enum class ReadResult { line, timeout, closed };
  // Waits until a line arrives, stdout closes, or the deadline passes.
  ReadResult read_line(std::string& line, Clock::time_point deadline);

  // Kills the whole process group with SIGKILL and reaps the leader.
  void kill_group();
  // Closes stdin and reaps the process if it exits before the deadline; kills the group if not.
  void shut_down(Clock::time_point deadline);

  // Reaps the leader if it has ended (waiting at most until `deadline`), giving its status.
  std::optional<ExitStatus> exit_status(Clock::time_point deadline);

  // The last 8 KiB the agent wrote on stderr. After a crash, waits (at most until `deadline`)
  // for stderr to close so that the agent's last words are not lost to a race.
  std::string stderr_tail(Clock::time_point deadline = Clock::time_point::min()) const;
  // How many octets the agent has written on stderr so far, and what it wrote after `mark` (at
  // most the 8 KiB tail): what one case made it say.
  size_t stderr_written() const;
  std::string stderr_since(size_t mark) const;

 private:
  void read_stdout();
  void read_stderr();
  bool try_reap();
  void close_stdin();

  pid_t pid_ = -1;
  int stdin_fd_ = -1;
  int stdout_fd_ = -1;
  int stderr_fd_ = -1;

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::deque<std::string> lines_;
  bool stdout_closed_ = false;
  bool stderr_closed_ = false;
  std::string stderr_tail_;
  size_t stderr_written_ = 0;
  std::optional<ExitStatus> exit_status_;

  std::thread stdout_reader_;
  std::thread stderr_reader_;
};

}  // namespace zconform
