#pragma once
// A plain byte stream to or from an implementation under test, over tcp (loopback only) or ipc:
// what the raw ZMTP peer speaks through. Every read and write is bounded by a deadline (poll), so a
// silent or stalled peer ends in a timeout, never a hang, and nothing here sleeps.
#include <sys/socket.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace zconform::zmtp {

using Clock = std::chrono::steady_clock;

class RawError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "tcp://127.0.0.1:5555" or "tcp://[::1]:5555" as a socket address (and its length); RawError if
// it is malformed or not loopback. Shared by the raw peer and the fault relay.
sockaddr_storage loopback_tcp_address(const std::string& endpoint, socklen_t& length);
// A unix socket address for `path` (the part of `endpoint` after "ipc://"), and its length;
// RawError, naming `endpoint`, if the path is empty or too long.
sockaddr_storage ipc_address(const std::string& endpoint, const std::string& path,
                             socklen_t& length);

class RawStream {
 public:
  // "tcp://127.0.0.1:5555", "tcp://[::1]:5555" or "ipc:///path". Only loopback hosts: zconform
  // never leaves 127.0.0.0/8 and ::1. Throws RawError (refused, bad endpoint, deadline).
  static RawStream connect(const std::string& endpoint, Clock::time_point deadline);

  explicit RawStream(int fd) : fd_(fd) {}
  RawStream(RawStream&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  RawStream& operator=(RawStream&& other) noexcept;
  RawStream(const RawStream&) = delete;
  RawStream& operator=(const RawStream&) = delete;
  ~RawStream() { close(); }

  enum class Status { ok, closed, timeout };
  // Writes every byte (false: the peer is gone, or the deadline passed with bytes unwritten).
  Status write_all(std::string_view bytes, Clock::time_point deadline);
  // Appends whatever is available, at most `max` bytes, waiting for at least one until the
  // deadline.
  Status read_some(std::string& out, size_t max, Clock::time_point deadline);
  // Appends exactly n bytes, or reports why it could not.
  Status read_exact(std::string& out, size_t n, Clock::time_point deadline);
  // Half close: the peer reads end-of-stream, this side can still read.
  void shutdown_write();
  void close();
  bool is_open() const { return fd_ >= 0; }

 private:
  bool wait_for(short events, Clock::time_point deadline);
  int fd_ = -1;
};

class RawListener {
 public:
  // Listens on 127.0.0.1 with a port the kernel picks ("tcp") or on an ipc path ("ipc").
  static RawListener listen_tcp();
  static RawListener listen_ipc(const std::string& path);

  RawListener(RawListener&& other) noexcept
      : fd_(other.fd_),
        endpoint_(std::move(other.endpoint_)),
        ipc_path_(std::move(other.ipc_path_)) {
    other.fd_ = -1;
    other.ipc_path_.clear();
  }
  RawListener(const RawListener&) = delete;
  ~RawListener();

  const std::string& endpoint() const { return endpoint_; }  // for the IUT to connect to
  std::optional<RawStream> accept(Clock::time_point deadline);

 private:
  RawListener(int fd, std::string endpoint) : fd_(fd), endpoint_(std::move(endpoint)) {}
  int fd_ = -1;
  std::string endpoint_;
  std::string ipc_path_;
};

}  // namespace zconform::zmtp
