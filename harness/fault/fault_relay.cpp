#include "fault/fault_relay.hpp"

#include "fault/relay_listener.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <list>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace zconform {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

constexpr size_t kChunk = 64 * 1024;
constexpr size_t kHeldMax = 4 * 1024 * 1024;  // per direction: beyond it the relay stops reading

void set_nonblocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

// On an ipc connection there is no Nagle to turn off; the call fails there, harmlessly.
void set_nodelay(int fd) {
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// Closes with RST instead of FIN: the peer sees ECONNRESET, as when a path breaks.
void reset(int fd) {
  if (fd < 0) return;
  linger hard{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  ::close(fd);
}

// Bytes read from one side, waiting to be written to the other.
struct Held {
  std::string bytes;
  Clock::time_point due;
};

struct Direction {
  std::deque<Held> held;
  size_t held_bytes = 0;
  bool eof = false;   // the source side ended its stream
  bool shut = false;  // the end-of-stream was passed on
  Clock::time_point next_drip{};
};

struct Carried {
  int down = -1;  // the connecting socket's side
  int up = -1;    // upstream; -1 while black-holed
  Direction to_up, to_down;
};

}  // namespace

struct FaultRelay::Loop {
  RelayListener listening;  // its fd, its endpoint, and the upstream address
  int wake[2] = {-1, -1};
  std::thread thread;

  mutable std::mutex mutex;
  std::condition_variable acted;
  std::deque<NetworkFault> commands;
  uint64_t commands_done = 0, commands_sent = 0;
  bool stopping = false;
  bool ended = false;  // the relay thread has left its loop (stopped, or poll failed)
  nlohmann::json stats = {{"accepted", 0},
                          {"upstream_refused", 0},
                          {"octets_to_upstream", 0},
                          {"octets_to_connecting", 0},
                          {"faults", nlohmann::json::array()}};

  // Owned by the relay thread.
  std::list<Carried> carried;
  NetworkFault mode;  // restore = pass-through
  bool black_hole() const { return mode.kind == NetworkFault::Kind::black_hole; }

  void run();  // the thread: loop(), then every connection closed and `ended` told
  void loop();
  void act(const NetworkFault& fault);
  void accept_new();
  bool connect_up(Carried& c);
  void close_all(bool hard);
  int next_timeout_ms() const;
  // Reads what `from` has into `d` (end-of-stream noted); writes what is due from `d` to `to`.
  void read_side(int from, Direction& d);
  void write_side(int to, Direction& d, const char* counter);
  void count(const char* counter, size_t n) {
    std::lock_guard lock(mutex);
    stats[counter] = stats[counter].get<uint64_t>() + n;
  }
};

FaultRelay::FaultRelay(const std::string& upstream) : loop_(std::make_unique<Loop>()) {
  Loop& l = *loop_;
  l.listening = open_relay_listener(upstream);
  if (pipe2(l.wake, O_CLOEXEC | O_NONBLOCK) != 0) {
    close_relay_listener(l.listening);
    throw std::runtime_error(std::string("fault relay: pipe2: ") + std::strerror(errno));
  }
  l.thread = std::thread([&l] { l.run(); });
}

FaultRelay::~FaultRelay() {
  {
    std::lock_guard lock(loop_->mutex);
    loop_->stopping = true;
  }
  char b = 's';
  (void)!::write(loop_->wake[1], &b, 1);
  loop_->thread.join();
  close_relay_listener(loop_->listening);
  ::close(loop_->wake[0]);
  ::close(loop_->wake[1]);
}

const std::string& FaultRelay::endpoint() const { return loop_->listening.endpoint; }

void FaultRelay::apply(const NetworkFault& fault) {
  std::unique_lock lock(loop_->mutex);
  loop_->commands.push_back(fault);
  const uint64_t mine = ++loop_->commands_sent;
  char b = 'c';
  (void)!::write(loop_->wake[1], &b, 1);
  // The relay thread answers within one loop turn; it never waits on anything but poll.
  loop_->acted.wait(lock, [&] { return loop_->commands_done >= mine || loop_->ended; });
  if (loop_->commands_done < mine)
    throw std::runtime_error("fault relay: its thread has stopped (poll failed)");
}

nlohmann::json FaultRelay::stats() const {
  std::lock_guard lock(loop_->mutex);
  return loop_->stats;
}

void FaultRelay::Loop::act(const NetworkFault& fault) {
  {
    std::lock_guard lock(mutex);
    stats["faults"].push_back(to_string(fault.kind));
  }
  switch (fault.kind) {
    case NetworkFault::Kind::cut: return close_all(true);
    case NetworkFault::Kind::half_close:
      // Both streams end: what is held still goes through, then FIN (pass_eof in run()); nothing
      // more is read from either side.
      for (auto& c : carried) c.to_up.eof = c.to_down.eof = true;
      return;
    default:
      mode = fault;
      // Out of a black hole by any fault but another black hole: held connections get their
      // upstream.
      if (!black_hole()) {
        for (auto& c : carried) {
          if (c.up < 0 && c.down >= 0) connect_up(c);
        }
      }
      return;
  }
}

bool FaultRelay::Loop::connect_up(Carried& c) {
  const sockaddr_storage& upstream = listening.upstream;
  int fd = ::socket(upstream.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  // Loopback: a connect completes or is refused at once, so a blocking one is bounded.
  if (fd < 0 ||
      ::connect(fd, reinterpret_cast<const sockaddr*>(&upstream), listening.upstream_length) != 0) {
    if (fd >= 0) ::close(fd);
    count("upstream_refused", 1);
    reset(c.down);  // the connecting side sees the refusal as a reset and retries
    c.down = -1;
    return false;
  }
  set_nonblocking(fd);
  set_nodelay(fd);
  c.up = fd;
  return true;
}

void FaultRelay::Loop::accept_new() {
  while (true) {
    int fd = ::accept4(listening.fd, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) return;
    set_nodelay(fd);
    count("accepted", 1);
    Carried c;
    c.down = fd;
    if (!black_hole() && !connect_up(c)) continue;
    carried.push_back(std::move(c));
  }
}

void FaultRelay::Loop::close_all(bool hard) {
  for (auto& c : carried) {
    if (hard) {
      reset(c.down);
      reset(c.up);
    } else {
      if (c.down >= 0) ::close(c.down);
      if (c.up >= 0) ::close(c.up);
    }
  }
  carried.clear();
}

void FaultRelay::Loop::read_side(int from, Direction& d) {
  char buffer[kChunk];
  ssize_t n = ::read(from, buffer, sizeof buffer);
  if (n > 0) {
    const auto hold =
        mode.kind == NetworkFault::Kind::delay ? milliseconds(mode.delay_ms) : milliseconds(0);
    d.held.push_back({std::string(buffer, static_cast<size_t>(n)), Clock::now() + hold});
    d.held_bytes += static_cast<size_t>(n);
  } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
    d.eof = true;
  }
}

void FaultRelay::Loop::write_side(int to, Direction& d, const char* counter) {
  const auto now = Clock::now();
  while (!d.held.empty() && d.held.front().due <= now) {
    Held& h = d.held.front();
    size_t allowed = h.bytes.size();
    if (mode.kind == NetworkFault::Kind::drip) {
      if (now < d.next_drip) return;
      allowed = std::min(allowed, static_cast<size_t>(mode.bytes));
    }
    ssize_t n;
    {
      // Counted in the same breath as sent: whoever has read the octets sees them counted.
      std::lock_guard lock(mutex);
      n = ::send(to, h.bytes.data(), allowed, MSG_NOSIGNAL);
      if (n > 0) stats[counter] = stats[counter].get<uint64_t>() + static_cast<uint64_t>(n);
    }
    if (n < 0) {
      if (errno != EAGAIN && errno != EINTR) {
        d.held.clear();
        d.held_bytes = 0;
        d.eof = true;
      }
      return;
    }
    d.held_bytes -= static_cast<size_t>(n);
    h.bytes.erase(0, static_cast<size_t>(n));
    if (h.bytes.empty()) d.held.pop_front();
    if (mode.kind == NetworkFault::Kind::drip) {
      d.next_drip = now + milliseconds(mode.every_ms);
      return;
    }
    if (static_cast<size_t>(n) < allowed) return;  // the kernel buffer is full: wait for POLLOUT
  }
}

int FaultRelay::Loop::next_timeout_ms() const {
  if (black_hole()) return -1;
  auto soonest = Clock::time_point::max();
  for (const auto& c : carried) {
    for (const Direction* d : {&c.to_up, &c.to_down}) {
      if (d->held.empty()) continue;
      auto at = d->held.front().due;
      if (mode.kind == NetworkFault::Kind::drip) at = std::max(at, d->next_drip);
      soonest = std::min(soonest, at);
    }
  }
  if (soonest == Clock::time_point::max()) return -1;
  auto ms = std::chrono::duration_cast<milliseconds>(soonest - Clock::now()).count() + 1;
  return static_cast<int>(std::clamp<long long>(ms, 0, 60000));
}

void FaultRelay::Loop::run() {
  try {
    loop();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "zconform: fault relay: %s\n", e.what());
  }
  close_all(false);
  std::lock_guard lock(mutex);
  ended = true;
  acted.notify_all();
}

void FaultRelay::Loop::loop() {
  while (true) {
    // Commands first: a fault takes effect before anything else moves.
    {
      std::unique_lock lock(mutex);
      if (stopping) return;
      while (!commands.empty()) {
        NetworkFault f = commands.front();
        commands.pop_front();
        lock.unlock();
        act(f);
        lock.lock();
        ++commands_done;
      }
      acted.notify_all();
    }
    // Finished connections go: both directions ended and passed on.
    for (auto it = carried.begin(); it != carried.end();) {
      Carried& c = *it;
      auto pass_eof = [](Direction& d, int to) {
        if (d.eof && d.held.empty() && !d.shut) {
          if (to >= 0) ::shutdown(to, SHUT_WR);
          d.shut = true;
        }
      };
      if (!black_hole()) {
        pass_eof(c.to_up, c.up);
        pass_eof(c.to_down, c.down);
      }
      const bool done =
          c.down < 0 || (c.to_up.eof && c.to_down.eof && c.to_up.shut && c.to_down.shut);
      if (done) {
        if (c.down >= 0) ::close(c.down);
        if (c.up >= 0) ::close(c.up);
        it = carried.erase(it);
      } else {
        ++it;
      }
    }

    std::vector<pollfd> fds = {{wake[0], POLLIN, 0}, {listening.fd, POLLIN, 0}};
    std::vector<std::pair<Carried*, bool>> owners = {{nullptr, false},
                                                     {nullptr, false}};  // bool: down side
    const auto now = Clock::now();
    for (auto& c : carried) {
      if (black_hole() || c.up < 0)
        continue;  // nothing moves: the peers' bytes stay in their kernels
      auto wants = [&](const Direction& out_of, const Direction& into) -> short {
        short ev = 0;
        if (!out_of.eof && out_of.held_bytes < kHeldMax) ev |= POLLIN;
        const bool drip_due = mode.kind != NetworkFault::Kind::drip || into.next_drip <= now;
        if (!into.held.empty() && into.held.front().due <= now && drip_due) ev |= POLLOUT;
        return ev;
      };
      // A side with nothing wanted is left out (fd -1): a hang-up on it would wake poll at once,
      // over and over; the timeout (held bytes due, drip ticks) wakes the loop instead.
      auto entry = [](int fd, short ev) { return pollfd{ev ? fd : -1, ev, 0}; };
      fds.push_back(entry(c.down, wants(c.to_up, c.to_down)));
      owners.push_back({&c, true});
      fds.push_back(entry(c.up, wants(c.to_down, c.to_up)));
      owners.push_back({&c, false});
    }
    if (::poll(fds.data(), fds.size(), next_timeout_ms()) < 0 && errno != EINTR) {
      std::fprintf(stderr, "zconform: fault relay: poll: %s\n", std::strerror(errno));
      return;
    }
    if (fds[0].revents) {
      char drain[64];
      while (::read(wake[0], drain, sizeof drain) > 0) {
      }
    }
    if (fds[1].revents & POLLIN) accept_new();
    for (size_t i = 2; i < fds.size(); ++i) {
      Carried& c = *owners[i].first;
      const bool down = owners[i].second;
      const short re = fds[i].revents;
      if (re & (POLLIN | POLLHUP | POLLERR))
        read_side(down ? c.down : c.up, down ? c.to_up : c.to_down);
    }
    for (auto& c : carried) {
      if (black_hole() || c.up < 0) continue;
      write_side(c.up, c.to_up, "octets_to_upstream");
      write_side(c.down, c.to_down, "octets_to_connecting");
    }
  }
}

}  // namespace zconform
