#pragma once
// conformance/pairings.yaml as data: what each socket type can do, which pairings are valid
// (TYPE-01), which sockets carry routing ids, and the envelopes around a body. Scenarios stay
// generic ("move this body from a to b"); this table is the only place that knows the patterns.
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace zconform {

enum class Alternation { none, send_first, receive_first };
// How a subscriber subscribes: ZMQ_SUBSCRIBE (SUB), a 0x01+topic message (XSUB), or by joining a
// group (DISH, zmq_join: its publisher, a RADIO, sends each message to one group).
enum class Subscription { none, option, message, group };

struct SocketTypeTraits {
  bool sends = false;
  bool receives = false;
  Alternation alternates = Alternation::none;
  bool publisher = false;
  Subscription subscriber = Subscription::none;
  bool routes = false;
  bool draft = false;  // RFC 41-52 types: single-part; only in the groups named after their pattern
  bool addressed = false;  // each message goes to a routing id given outside the frames (SERVER)
};

// One envelope frame: literal bytes, or the routing id of the sending / receiving socket.
struct EnvelopeFrame {
  enum class Kind { literal, id_of_sender, id_of_receiver } kind = Kind::literal;
  std::string bytes;
};

struct Envelope {
  std::vector<EnvelopeFrame> send;     // what the sender's application prepends
  std::vector<EnvelopeFrame> receive;  // what the receiver's application sees first
};

struct PairingInfo {
  Pairing pairing;
  std::string pattern;  // request-reply, publish-subscribe, pipeline, exclusive-pair
  std::set<Role> routing_id_roles;
};

class PairingTable {
 public:
  static PairingTable load(const std::filesystem::path& file);  // throws FileError (file:line)

  const SocketTypeTraits* traits(const std::string& type) const;
  const PairingInfo* valid(const Pairing& pairing) const;  // nullptr: not a valid pairing
  const std::vector<PairingInfo>& pairings() const { return pairings_; }
  Envelope envelope(const std::string& from_type, const std::string& to_type) const;

  // The pairings a scenario names with "@group": "@all", a pattern ("@request-reply"), or
  // "@streaming" (A may send several messages in a row and B receive them: no REQ, no REP).
  // Empty when the group is unknown.
  std::vector<Pairing> group(const std::string& name) const;
  std::vector<std::string> group_names() const;

  // Can `from_type` send messages that `to_type` receives?
  bool can_transfer(const std::string& from_type, const std::string& to_type) const;

 private:
  std::map<std::string, SocketTypeTraits> types_;
  std::vector<PairingInfo> pairings_;
  std::map<std::pair<std::string, std::string>, Envelope> envelopes_;
};

}  // namespace zconform
