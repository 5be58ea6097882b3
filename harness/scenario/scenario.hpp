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
  flood,        // numbered messages with DONTWAIT until the socket refuses one (blocks) or all went (drops)
  collect,      // the numbered messages of the last flood, read up to an end marker: whole, in order, counted
  term,         // zmq_ctx_term on a role's context (asynchronous with `as`)
  shutdown,     // zmq_ctx_shutdown on a role's context
  new_socket,   // a socket created in a role's context (expected to fail after shutdown)
  reply,        // waits for the reply to an asynchronous request and checks it (error, timing)
  pending,      // asynchronous requests that must still be unanswered
  fault,        // the fault relay between the linked sockets: cut, black_hole, delay, drip, half_close, restore
  restart,      // a killed role comes back: new agent, new context, its sockets re-created and re-bound
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

// What the fault relay (run/tcp_relay.hpp) does to the connections it carries.
struct FaultSpec {
  enum class Kind { cut, black_hole, delay, drip, half_close, restore };
  Kind kind = Kind::restore;
  int delay_ms = 0;   // delay: how long every chunk is held, each direction
  int bytes = 0;      // drip: octets let through per tick
  int every_ms = 0;   // drip: the tick
};

// "cut", "black_hole", ... as scenarios write them.
inline const char* to_string(FaultSpec::Kind kind) {
  static const char* names[] = {"cut", "black_hole", "delay", "drip", "half_close", "restore"};
  return names[static_cast<int>(kind)];
}

// flood / collect: what the socket is expected to do once its high-water mark is reached.
enum class FloodExpect {
  blocks,  // a send is refused (EAGAIN, or `error`) within `at_most` messages; nothing is lost
  drops,   // every send is accepted at once; the receiver gets a bounded, ordered subset
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
  Role role = Role::a;               // kill, restart, term, shutdown, new_socket
  std::string as;                    // send/recv/term: run asynchronously, the reply awaited later by this name
  std::vector<std::string> requests; // reply (one), pending: names given with `as`
  int within_ms = -1;                // reply: the reply comes within this many ms of the request
  int not_before_ms = -1;            // reply: and not before this many ms
  bool blocking = false;             // send: let the implementation block (SNDTIMEO applies), no agent-side wait
  FloodExpect expect = FloodExpect::blocks;  // flood/collect
  int at_most = -1;                  // flood: sends accepted before the refusal; collect: messages delivered
  int at_least = -1;                 // the same, lower bounds
  int all_from = -1;                 // collect: every message numbered from here on must arrive
  int number_from = 0;               // send with count: the first "{n}" (a burst continuing an earlier one)
  std::string topic;                 // sync: probe a topic already subscribed instead of a fresh one
  std::string type;                  // new_socket: the socket type
  FaultSpec fault;
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
  // Options for every context the case creates (ctx_new `options`: blocky, io_threads, ...).
  protocol::Json context_options = protocol::Json::object();
  // tcp links go through the harness's fault relay (run/tcp_relay.hpp): the connecting socket
  // connects to the relay, which forwards to the binder; `fault` steps act on it.
  bool relay = false;
  std::filesystem::path file;
};

}  // namespace zconform
