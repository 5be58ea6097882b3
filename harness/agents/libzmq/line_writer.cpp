#include "line_writer.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace zconform::libzmq_agent {

void LineWriter::write_line(std::string_view line) {
  std::lock_guard lock(mutex_);
  write_locked(line);
}

void LineWriter::exit(int status, std::string_view last_line) {
  mutex_.lock();  // never released: see the header
  if (!last_line.empty()) write_locked(last_line);
  std::fflush(stderr);
  std::_Exit(status);
}

void LineWriter::write_locked(std::string_view line) {
  // write(2) straight to the descriptor: no stdio buffer to forget to flush, and one buffer so a
  // multi-megabyte reply goes out in as few system calls as the pipe allows.
  std::string buffer;
  buffer.reserve(line.size() + 1);
  buffer.append(line);
  buffer.push_back('\n');
  const char* next = buffer.data();
  size_t left = buffer.size();
  while (left > 0) {
    ssize_t written = ::write(fd_, next, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      // The driver has gone away (EPIPE): nobody is left to read replies.
      std::fprintf(stderr, "zconform-agent-libzmq: cannot write to stdout (errno %d), exiting\n",
                   errno);
      std::_Exit(1);
    }
    next += written;
    left -= static_cast<size_t>(written);
  }
}

}  // namespace zconform::libzmq_agent
