#pragma once
// A step of a scenario. Each kind is one type under harness/steps/ that owns its fields (a field
// table: how they are read from YAML and documented), its load-time checks and how it is played.
// The scenario layer only holds steps and asks them what they do to the rules that span several
// steps (StepEffects); playing them is run/'s business (CaseContext is never defined here).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace zconform {

class CaseContext;  // run/case_context.hpp

// What a step does that rules spanning several steps need to know. The loader implements it to
// follow REQ/REP turns per pairing and the names of asynchronous requests.
class StepEffects {
 public:
  virtual ~StepEffects() = default;
  // `socket` sends (or receives) one message of the scenario's own.
  virtual void turn(const std::string& socket, bool sending) = 0;
  // REQ-01's exception (ZMQ_REQ_RELAXED): the socket no longer alternates.
  virtual void relax_turns(const std::string& socket) = 0;
  // Messages with the pairing's envelopes from one socket to another; `several`: more than one in
  // a row, which sockets that alternate cannot do.
  virtual void message(const std::string& from, const std::string& to, bool several) = 0;
  // An asynchronous request started under `name` (`as: name`), or one named by a later step.
  virtual void starts_request(const std::string& name) = 0;
  virtual void uses_request(const std::string& name) = 0;
};

class Step {
 public:
  virtual ~Step() = default;
  virtual std::string_view kind() const = 0;
  // Tells `effects` what the step does (nothing by default).
  virtual void declare(StepEffects& effects) const { (void)effects; }
  // Defined with the step type in harness/steps/; a step that cannot go on throws CaseStop.
  virtual void play(CaseContext& cx) const = 0;

  int line = 0;  // in the scenario file, for messages
};

using StepPtr = std::shared_ptr<const Step>;

}  // namespace zconform
