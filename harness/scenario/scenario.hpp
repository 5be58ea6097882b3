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

namespace zconform {

using protocol::Frames;

// The two roles of a pairing: A is the first socket type of "PUSH-PULL", B the second.
enum class Role { a, b };

struct Pairing {
  std::string type_a;
  std::string type_b;
  std::string name() const { return type_a + "-" + type_b; }
};

enum class StepKind {
  link,        // the binder binds (once), the other connects, then both await the handshake
  send,
  recv,
  setsockopt,
};

struct Step {
  StepKind kind;
  int line = 0;                      // in the scenario file, for messages
  std::vector<std::string> sockets;  // link: two names; others: one
  Frames frames;                     // send: what to send; recv: what to expect
  std::optional<std::string> error;  // the errno name expected instead of success
  int timeout_ms = -1;               // recv/send: bounded wait; -1 = the step's default
  bool dontwait = false;             // send
  std::string option;                // setsockopt
  protocol::Json value;              // setsockopt
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
  std::filesystem::path file;
};

}  // namespace zconform
