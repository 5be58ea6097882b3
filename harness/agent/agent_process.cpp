#include "agent/agent_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <cerrno>
#include <cstring>
#include <mutex>

namespace bp = boost::process;

namespace zconform {
namespace {

constexpr size_t kStderrTailBytes = 8192;

// Boost.Process makes its pipes without O_CLOEXEC. An agent started by another thread meanwhile
// (--jobs) inherited the pipe ends this one's parent side still held, and kept them for its whole
// life: the driver then never read end-of-file from an agent it had killed, and the reader
// thread's join hung until the other agent ended (42 to 160 s, seen as "did not answer within
// 0 ms" on the next case). Starts are serialised, and every pipe end is close-on-exec except the
// three the child gets as 0, 1 and 2 (dup2 clears the flag on those).
std::mutex& start_mutex() {
  static std::mutex m;
  return m;
}

void close_on_exec(int fd) { ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC); }

int dup_close_on_exec(int fd) { return ::fcntl(fd, F_DUPFD_CLOEXEC, 0); }

void ignore_sigpipe_once() {
  // A write to a dead agent must fail with EPIPE, not kill the driver.
  static std::once_flag once;
  std::call_once(once, [] { ::signal(SIGPIPE, SIG_IGN); });
}

ExitStatus decode_wait_status(int status) {
  ExitStatus s;
  if (WIFEXITED(status)) {
    s.exited = true;
    s.code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    s.signal = WTERMSIG(status);
  }
  return s;
}

// Waits, without polling in a loop, until `pid` has ended or the deadline passes. Returns false
// when the kernel has no pidfd (then callers fall back to killing the group).
bool wait_until_ended(pid_t pid, Clock::time_point deadline) {
  int fd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  if (fd < 0) return false;
  auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  pollfd p{fd, POLLIN, 0};
  int rc;
  do {
    rc = ::poll(&p, 1, static_cast<int>(std::max<long long>(0, left)));
  } while (rc < 0 && errno == EINTR);
  ::close(fd);
  return rc > 0;
}

}  // namespace

std::string ExitStatus::describe() const {
  if (exited) return "exited with status " + std::to_string(code);
  if (signal != 0) {
    const char* name = sigabbrev_np(signal);
    return "killed by signal " + std::to_string(signal) +
           (name ? std::string(" (SIG") + name + ")" : "");
  }
  return "ended in an unknown way";
}

AgentProcess::AgentProcess(const LaunchSpec& spec) {
  ignore_sigpipe_once();
  if (spec.argv.empty()) throw LaunchError("empty argv");

  boost::filesystem::path exe = spec.argv[0];
  if (spec.argv[0].find('/') == std::string::npos) {
    exe = bp::search_path(spec.argv[0]);
    if (exe.empty()) throw LaunchError("'" + spec.argv[0] + "' not found on PATH");
  }
  std::vector<std::string> args(spec.argv.begin() + 1, spec.argv.end());
  bp::environment env = boost::this_process::environment();
  for (const auto& [name, value] : spec.env) env[name] = value;
  std::string dir = spec.working_dir.empty() ? std::filesystem::current_path().string()
                                             : spec.working_dir.string();

  std::lock_guard start_lock(start_mutex());
  bp::pipe to_agent, from_agent, agent_errors;
  for (bp::pipe* p : {&to_agent, &from_agent, &agent_errors}) {
    close_on_exec(p->native_source());
    close_on_exec(p->native_sink());
  }
  try {
    bp::child child(
        bp::exe = exe, bp::args = args, env, bp::start_dir = dir,
        bp::std_in<to_agent, bp::std_out> from_agent, bp::std_err > agent_errors,
        // Own process group: kill(-pid) then reaches every process the agent started.
        bp::extend::on_exec_setup = [](auto&) { ::setpgid(0, 0); });
    pid_ = child.id();
    // From here on the pid is managed with POSIX calls (pidfd, waitpid, kill of the group).
    child.detach();
  } catch (const std::exception& e) {
    throw LaunchError("cannot start '" + exe.string() + "': " + e.what());
  }
  // Keep our ends only; dup them so the bp::pipe destructors do not close them under us.
  stdin_fd_ = dup_close_on_exec(to_agent.native_sink());
  stdout_fd_ = dup_close_on_exec(from_agent.native_source());
  stderr_fd_ = dup_close_on_exec(agent_errors.native_source());
  to_agent.close();
  from_agent.close();
  agent_errors.close();

  stdout_reader_ = std::thread([this] { read_stdout(); });
  stderr_reader_ = std::thread([this] { read_stderr(); });
}

AgentProcess::~AgentProcess() {
  kill_group();
  if (stdout_reader_.joinable()) stdout_reader_.join();
  if (stderr_reader_.joinable()) stderr_reader_.join();
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
  if (stderr_fd_ >= 0) ::close(stderr_fd_);
}

void AgentProcess::read_stdout() {
  std::string partial;
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(stdout_fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    partial.append(buffer, static_cast<size_t>(n));
    size_t start = 0;
    std::vector<std::string> complete;
    for (size_t nl = partial.find('\n'); nl != std::string::npos; nl = partial.find('\n', start)) {
      complete.emplace_back(partial, start, nl - start);
      start = nl + 1;
    }
    partial.erase(0, start);
    if (!complete.empty()) {
      std::lock_guard lock(mutex_);
      for (auto& line : complete) lines_.push_back(std::move(line));
      changed_.notify_all();
    }
  }
  std::lock_guard lock(mutex_);
  if (!partial.empty()) lines_.push_back(std::move(partial));  // a last line without '\n'
  stdout_closed_ = true;
  changed_.notify_all();
}

void AgentProcess::read_stderr() {
  char buffer[4096];
  for (;;) {
    ssize_t n = ::read(stderr_fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    std::lock_guard lock(mutex_);
    stderr_tail_.append(buffer, static_cast<size_t>(n));
    stderr_written_ += static_cast<size_t>(n);
    if (stderr_tail_.size() > kStderrTailBytes) {
      stderr_tail_.erase(0, stderr_tail_.size() - kStderrTailBytes);
    }
  }
  std::lock_guard lock(mutex_);
  stderr_closed_ = true;
  changed_.notify_all();
}

bool AgentProcess::write_line(const std::string& line) {
  if (stdin_fd_ < 0) return false;
  std::string data = line + "\n";
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(stdin_fd_, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

AgentProcess::ReadResult AgentProcess::read_line(std::string& line, Clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  changed_.wait_until(lock, deadline, [this] { return !lines_.empty() || stdout_closed_; });
  if (!lines_.empty()) {
    line = std::move(lines_.front());
    lines_.pop_front();
    return ReadResult::line;
  }
  return stdout_closed_ ? ReadResult::closed : ReadResult::timeout;
}

bool AgentProcess::try_reap() {
  if (exit_status_) return true;
  int status = 0;
  pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    exit_status_ = decode_wait_status(status);
    return true;
  }
  return false;
}

std::optional<ExitStatus> AgentProcess::exit_status(Clock::time_point deadline) {
  if (pid_ <= 0) return exit_status_;
  if (!try_reap() && wait_until_ended(pid_, deadline)) try_reap();
  return exit_status_;
}

void AgentProcess::close_stdin() {
  if (stdin_fd_ >= 0) {
    ::close(stdin_fd_);
    stdin_fd_ = -1;
  }
}

void AgentProcess::kill_group() {
  close_stdin();
  if (pid_ <= 0) return;
  // The group outlives its leader when a wrapper's children linger: kill it even if reaped.
  ::kill(-pid_, SIGKILL);
  if (!exit_status_) {
    int status = 0;
    pid_t r;
    do {
      r = ::waitpid(pid_, &status, 0);
    } while (r < 0 && errno == EINTR);
    if (r == pid_) exit_status_ = decode_wait_status(status);
  }
}

void AgentProcess::shut_down(Clock::time_point deadline) {
  close_stdin();
  if (!exit_status(deadline))
    kill_group();
  else
    ::kill(-pid_, SIGKILL);  // leftovers of the group, if any
}

size_t AgentProcess::stderr_written() const {
  std::lock_guard lock(mutex_);
  return stderr_written_;
}

std::string AgentProcess::stderr_since(size_t mark) const {
  std::lock_guard lock(mutex_);
  const size_t fresh =
      std::min(stderr_written_ - std::min(mark, stderr_written_), stderr_tail_.size());
  return stderr_tail_.substr(stderr_tail_.size() - fresh);
}

std::string AgentProcess::stderr_tail(Clock::time_point deadline) const {
  std::unique_lock lock(mutex_);
  changed_.wait_until(lock, deadline, [this] { return stderr_closed_; });
  return stderr_tail_;
}

}  // namespace zconform
