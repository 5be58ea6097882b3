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
#include "scenario/wire_step.hpp"

namespace zconform {

using protocol::Frames;

// The two roles of a pairing: A is the first socket type of "PUSH-PULL", B the second.
enum class Role { a, b };

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
  int size = -1;  // capture/any: the size the frame must have; -1 = any size

  static FrameSpec literal(std::string bytes) { return {Kind::literal, std::move(bytes), "", -1}; }
  static FrameSpec named(Kind kind, std::string name, int size = -1) { return {kind, "", std::move(name), size}; }
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
};

enum class StepKind {
  link,         // binder binds (once), the other connects; both await the handshake; pattern set-up
  send,         // raw frames on one socket
  recv,         // raw frames expected on one socket
  set,          // setsockopt
  get,          // getsockopt, compared with the expected value
  transfer,     // a body from one socket to another, with the pairing's envelopes on both ends
  subscribe,    // pairing-aware: ZMQ_SUBSCRIBE on SUB, a 0x01+topic message on XSUB
  unsubscribe,  // the same with ZMQ_UNSUBSCRIBE / 0x00+topic
  sync,         // publisher and subscriber agree the subscriptions so far are in force (probes)
  barrier,      // a marker from one socket to another: nothing sent before it may arrive after
  bind,
  connect,
  unbind,
  disconnect,
  await_event,  // a monitor event seen on a socket
  close,
  round_robin,  // messages from one socket are dealt out to several peers in turn
  fair_queue,   // messages from several peers are read in turn
  kill,         // SIGKILL the agent playing a role (needs processes: separate)
  drain,        // read until nothing is left (and the `until` event came): every message must equal the frames
  // The raw peer's steps (wire scenarios only; scenario/wire_step.hpp):
  greet,            // send a greeting (wrong on purpose where asked) and read the implementation's
  expect_greeting,  // check the implementation's greeting
  ready,            // write a READY command (by default: Socket-Type of the raw peer's type)
  expect_ready,     // read the implementation's READY and check its properties
  handshake,        // greet + ready + read a valid READY: a working connection
  write,            // frames to the implementation (one message, or commands)
  read,             // frames expected from the implementation, in order
  outcome,          // how the connection came out of a misbehaviour: error, close, alive, open, downgrade
  hangup,           // the raw peer closes its connection (or half-closes)
  reconnect,        // a fresh connection: the raw peer connects again, or accepts the implementation's next
  wire_sync,        // the raw subscriber and the implementation's publisher agree subscriptions are in force
};

struct Step {
  StepKind kind;
  int line = 0;                      // in the scenario file, for messages
  std::vector<std::string> sockets;  // the sockets it acts on; for transfer/barrier [from, to];
                                     // round_robin [from, to...]; fair_queue [to, from...]
  FrameSpecs frames;                 // send/recv/drain: the frames; transfer: the body
  std::vector<std::string> topics;   // subscribe/unsubscribe
  std::optional<std::string> error;  // the errno name expected instead of success
  int timeout_ms = -1;               // recv/send: bounded wait; -1 = the step's default
  bool dontwait = false;             // send
  std::string option;                // set/get
  protocol::Json value;              // set/get
  EndpointSpec endpoint;             // bind/connect/unbind/disconnect
  std::string event;                 // await_event; drain: the event that ends the stream
  std::vector<std::string> absent;   // await_event: events that must not have happened by then
  int count = 1;                     // transfer: messages; round_robin/fair_queue: per peer; await_event: events
  Role role = Role::a;               // kill
  WireStep wire;                     // the raw peer's steps
};

struct Scenario {
  std::string id;           // stable, [a-z0-9._-]; the prefix of every case ID it expands to
  std::string title;        // one line: what is checked
  std::vector<std::string> clauses;
  std::map<std::string, std::string> local_clauses;  // X-... id -> its source
  std::vector<Pairing> pairings;
  std::vector<std::string> transports;
  std::vector<Role> binders;                     // which role binds; both by default
  std::map<std::string, Role> sockets;           // name -> role; default a: A, b: B
  std::vector<Step> steps;
  int deadline_ms = 10000;                       // the whole case, teardown included
  bool refused = false;        // the pairings are invalid on purpose (TYPE-02)
  bool routing_ids = true;     // set ZMQ_ROUTING_ID as pairings.yaml says
  bool subscribe_all = true;   // link subscribes subscribers to everything
  bool separate_processes = false;  // roles A and B in separate agent processes
  bool monitors = true;        // attach a monitor to every socket (off: the plain API, no events)
  // Role B is the harness's raw ZMTP peer, claiming B's socket type; role A's socket `a` is the
  // implementation under test. Only tcp and ipc (the raw peer's transports).
  bool raw_peer = false;
  std::filesystem::path file;
};

}  // namespace zconform
