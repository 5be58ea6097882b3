// The raw peer as a plain TCP peer ('peer: bytes'): what it writes and reads is the data itself,
// as a STREAM socket exchanges it (STREAM-01, STREAM-02). The transcript labels the octets only
// as data; anything else the implementation sends (a greeting) shows there as it is.
#include "run/wire_peer.hpp"

namespace zconform {

using zmtp::RawStream;

bool WirePeer::write_bytes(std::string_view bytes, Clock::time_point deadline) {
  return send_octets(bytes, "data", deadline);
}

WirePeer::Bytes WirePeer::read_bytes(std::string& out, size_t n, Clock::time_point deadline) {
  if (!stream_ || closed_) return Bytes::closed;
  while (out.size() < n) {
    const size_t before = out.size();
    const auto status = stream_->read_some(out, n - out.size(), deadline);
    if (out.size() > before) {
      transcript_.received(std::string_view(out).substr(before), "data");
    }
    if (status == RawStream::Status::closed) {
      closed_ = true;
      transcript_.note("the implementation closed the connection");
      return Bytes::closed;
    }
    if (status == RawStream::Status::timeout) return Bytes::timeout;
  }
  return Bytes::complete;
}

}  // namespace zconform
