// zconform-agent-libzmq: exposes libzmq to the zconform driver over the JSON-lines protocol of
// harness/agents/PROTOCOL.md. This thread only reads and dispatches requests; the work happens
// on socket actor threads and ctx_term threads, whose replies may overtake each other.
#include <unistd.h>

#include <csignal>
#include <iostream>
#include <string>

#include "dispatcher.hpp"
#include "line_writer.hpp"

int main() {
  using namespace zconform::libzmq_agent;
  // A vanished driver must surface as a write error (handled by LineWriter), not as a signal.
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);

  // Both live until _Exit, so the detached threads that use them can never outlive them.
  static LineWriter out(STDOUT_FILENO);
  static Dispatcher dispatcher(out);

  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    dispatcher.dispatch(line);
  }
  // EOF: the driver is done with us. Blocked threads cannot be joined, so exit without waiting.
  out.exit(0);
}
