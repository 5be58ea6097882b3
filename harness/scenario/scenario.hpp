#pragma once
// A scenario as written in conformance/scenarios/*.yaml (format: conformance/scenarios/README.md):
// what it checks (clauses), where it applies (pairings x transports), and the steps to play.
// Pure data: nothing here knows about agents or processes.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "protocol/messages.hpp"
#include "scenario/step.hpp"

namespace zconform {

using protocol::Frames;

// The two roles of a pairing: A is the first socket type of "PUSH-PULL", B the second.
enum class Role { a, b };

// "A" and "B": how scenarios, pairings.yaml, case IDs and messages write the roles.
inline const char* role_name(Role role) { return role == Role::a ? "A" : "B"; }
inline const std::vector<std::pair<std::string, Role>>& role_names() {
  static const std::vector<std::pair<std::string, Role>> names = {{"A", Role::a}, {"B", Role::b}};
  return names;
}

struct Pairing {
  std::string type_a;
  std::string type_b;
  std::string name() const { return type_a + "-" + type_b; }
  bool operator==(const Pairing&) const = default;
};

// One frame as a scenario writes it: bytes, or something resolved while the case plays.
struct FrameSpec {
  enum class Kind {
    literal,     // these bytes ("{n}" in a repeated transfer becomes the message number)
    routing_id,  // the routing id of socket `name`
    variable,    // send: the bytes captured earlier under `name`
    capture,     // recv: any bytes, remembered under `name` (optionally of a given size)
    any,         // recv: any bytes
  };
  Kind kind = Kind::literal;
  std::string bytes;
  std::string name;
  int size = -1;       // capture/any: the size the frame must have; -1 = any size
  std::string prefix;  // capture/any: the bytes the frame must start with

  static FrameSpec literal(std::string bytes) {
    return {Kind::literal, std::move(bytes), "", -1, ""};
  }
  static FrameSpec named(Kind kind, std::string name, int size = -1) {
    return {kind, "", std::move(name), size, ""};
  }
};
using FrameSpecs = std::vector<FrameSpec>;

// Where a bind or connect goes.
struct EndpointSpec {
  enum class Kind {
    automatic,  // a fresh endpoint of the case's transport (tcp/ws: port 0 on 127.0.0.1)
    of_socket,  // the endpoint socket `text` is bound to
    literal,    // exactly `text` ("$TRANSPORT" is replaced by the case's transport)
  };
  Kind kind = Kind::automatic;
  std::string text;
  // of_socket over tcp: a source address to connect from ("127.0.0.2", "127.0.0.2:0"), written as
  // "tcp://<source>;<host>:<port>" (TR-01).
  std::string source;
};

struct Scenario {
  std::string id;     // stable, [a-z0-9._-]; the prefix of every case ID it expands to
  std::string title;  // one line: what is checked
  std::vector<std::string> clauses;
  std::map<std::string, std::string> local_clauses;  // X-... id -> its source
  std::vector<Pairing> pairings;
  std::vector<std::string> transports;
  std::vector<Role> binders;            // which role binds; both by default
  std::map<std::string, Role> sockets;  // name -> role; default a: A, b: B
  // name -> a type of its own, for sockets that are not of their role's type in the pairing
  std::map<std::string, std::string> socket_types;
  std::vector<StepPtr> steps;       // harness/steps/: one type per step kind
  int deadline_ms = 10000;          // the whole case, teardown included
  bool refused = false;             // the pairings are invalid on purpose (TYPE-02)
  bool routing_ids = true;          // set ZMQ_ROUTING_ID as pairings.yaml says
  bool subscribe_all = true;        // link subscribes subscribers to everything
  bool separate_processes = false;  // roles A and B in separate agent processes
  bool monitors = true;  // attach a monitor to every socket (off: the plain API, no events)
  // Role B is the harness's raw ZMTP peer, claiming B's socket type; role A's socket `a` is the
  // implementation under test. Only tcp and ipc (the raw peer's transports).
  bool raw_peer = false;
  // `peer: bytes`: that raw peer speaks no ZMTP at all, only the bytes its steps write and read
  // (STREAM sockets; pairings TYPE-TCP). Implies raw_peer.
  bool plain_bytes = false;
  // Options for every context the case creates (ctx_new `options`: blocky, io_threads, ...).
  protocol::Json context_options = protocol::Json::object();
  // tcp, ipc and ws links go through the harness's fault relay (fault/fault_relay.hpp): the
  // connecting socket connects to the relay, which forwards to the binder; `fault` steps act on it.
  bool relay = false;
  std::filesystem::path file;

  // The type `socket` has in a case of `pairing`: its own (socket_types), else its role's.
  const std::string& socket_type(const std::string& socket, const Pairing& pairing) const {
    auto fixed = socket_types.find(socket);
    if (fixed != socket_types.end()) return fixed->second;
    return sockets.at(socket) == Role::a ? pairing.type_a : pairing.type_b;
  }
};

}  // namespace zconform
