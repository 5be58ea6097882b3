#pragma once
// The agent's stdout. Replies and events come from many threads (socket actors, ctx_term
// threads, monitor readers); one mutex keeps every line whole and each is flushed at once,
// because the driver waits on them.
#include <mutex>
#include <string_view>

namespace zconform::libzmq_agent {

class LineWriter {
 public:
  explicit LineWriter(int fd) : fd_(fd) {}
  LineWriter(const LineWriter&) = delete;
  LineWriter& operator=(const LineWriter&) = delete;

  // Writes `line` and a newline in one piece.
  void write_line(std::string_view line);

  // Ends the process with `status` once no line is half written, optionally after writing a last
  // line. Threads may be blocked inside libzmq forever (a recv on a live context, a ctx_term
  // waiting for open sockets), so an orderly shutdown is impossible; _Exit skips it. The mutex
  // stays held, so no other thread can start a line that would then be cut off.
  [[noreturn]] void exit(int status, std::string_view last_line = {});

 private:
  void write_locked(std::string_view line);

  std::mutex mutex_;
  int fd_;
};

}  // namespace zconform::libzmq_agent
