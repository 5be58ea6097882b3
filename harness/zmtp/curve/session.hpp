#pragma once
// A CURVE connection after its handshake (RFC 26 MESSAGE): every frame either way travels as a
// MESSAGE command whose box holds a flags octet and the frame's body, under the transient keys'
// shared key and a short nonce that strictly increases per direction (CURVE-02). The flags octet:
// bit 0 MORE; RFC 26 reserves bits 1-7 (CURVE-03), libzmq sets bit 1 for commands (PING,
// SUBSCRIBE, ...) it carries inside MESSAGE, and so does this session.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zconform::zmtp::curve {

inline constexpr uint8_t kMessageMore = 0x01;
inline constexpr uint8_t kMessageCommand = 0x02;   // libzmq's use of reserved bit 1
inline constexpr uint8_t kMessageReserved = 0xFC;  // reserved by everyone

// Misbehaviours of the nonces this end sends in MESSAGE commands. The first MESSAGE is always
// valid (so a scenario sees the session work), the ones after it are not.
enum class NonceFault {
  none,
  // reused: every MESSAGE after the first carries the first one's nonce again.
  reused,
  // decreasing: the first MESSAGE jumps to kDecreasingStart, each one after it is one lower:
  // never used before on the connection, but lower than the last.
  decreasing,
};
inline constexpr uint64_t kDecreasingStart = 1000;

class Session {
 public:
  enum class Role { client, server };
  // `shared_key`: box_shared_key of the peer's transient public key and our transient secret.
  // `next_nonce`: the first MESSAGE's (after our HELLO/INITIATE or READY); `peer_nonce`: the last
  // short nonce the peer used (its INITIATE's, or its READY's).
  Session(Role role, std::string shared_key, uint64_t next_nonce, uint64_t peer_nonce);

  // A MESSAGE command body carrying `payload` with `flags`.
  std::string seal(uint8_t flags, std::string_view payload);

  struct Opened {
    uint8_t flags = 0;
    std::string payload;
    uint64_t nonce = 0;
  };
  // nullopt with `error` for a body that is not a MESSAGE, is too short (CURVE-01), repeats or
  // lowers the peer's nonce (CURVE-02, unless check_peer_nonces is off), or does not open.
  std::optional<Opened> open(std::string_view body, std::string& error);

  NonceFault nonce_fault = NonceFault::none;
  // OR-ed into the flags of every MESSAGE sealed (CURVE-03 misbehaviour).
  uint8_t extra_flags = 0;
  // short_messages, if true, causes every MESSAGE after the first to be cut to 32 octets, one
  // short of the least (CURVE-01).
  bool short_messages = false;
  // altered_boxes, if true, causes one octet of the box of every MESSAGE after the first to be
  // flipped: a box that does not open.
  bool altered_boxes = false;
  // Off only in test doubles that play a lax implementation: a peer's nonce is then taken as it is.
  bool check_peer_nonces = true;

  uint64_t last_sent_nonce() const { return last_sent_; }
  uint64_t last_peer_nonce() const { return peer_nonce_; }
  uint64_t messages_sealed() const { return sealed_; }

 private:
  uint64_t nonce_for_next();

  Role role_;
  std::string shared_key_;
  uint64_t next_nonce_;
  uint64_t peer_nonce_;
  uint64_t last_sent_ = 0;
  uint64_t sealed_ = 0;
};

}  // namespace zconform::zmtp::curve
