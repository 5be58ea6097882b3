#pragma once
// What one case came to: the verdict and everything a reader needs to act on it. Plain data,
// shared by run/ (which fills it) and report/ (which formats it).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zconform {

// pass; fail (a MUST or documented behaviour broken); non_strict (only SHOULD clauses broken);
// informational (observed, the spec is silent); unsupported (the implementation cannot run the
// case: never a failure); error (the harness or the agent broke: crash, hang, protocol error);
// flaky (with --repeat: the runs of the case did not all end in one verdict).
enum class Verdict { pass, fail, non_strict, informational, unsupported, error, flaky };

inline constexpr Verdict kAllVerdicts[] = {
    Verdict::pass,        Verdict::fail,  Verdict::non_strict, Verdict::informational,
    Verdict::unsupported, Verdict::error, Verdict::flaky};

std::string_view to_string(Verdict verdict);  // "pass", "non-strict", ...
std::optional<Verdict> verdict_from_string(std::string_view text);

struct CaseResult {
  std::string id;
  size_t number = 0;  // its place in the whole plan (1-based), the same in every shard of a run
  std::string scenario_id;
  std::string title;
  std::string scenario_file;
  Verdict verdict = Verdict::error;
  std::vector<std::string> clauses;
  std::string pairing;                       // "REQ-REP"
  std::string transport;                     // "tcp"
  std::string binder;                        // the socket type that binds
  std::vector<std::string> implementations;  // role A's, role B's
  double duration_ms = 0;
  // For every verdict but pass:
  std::string step;  // "scenarios/reqrep.yaml:14 recv on a"
  std::string expected;
  std::string actual;
  std::string rerun;                    // the command that reruns this case alone
  std::vector<std::string> transcript;  // agent protocol lines ("> request", "< reply")
  // Wire cases: what crossed between the raw peer and the implementation, both directions, frame
  // by frame with the raw octets (zmtp/wire_transcript.hpp). Kept for passes too.
  std::vector<std::string> wire_transcript;
  nlohmann::json monitor_events = nlohmann::json::array();
  // What the agents wrote on stderr while the case ran (its last 8 KiB), for every verdict but
  // pass: a binding's warnings and an agent's last words before a crash.
  std::string agent_stderr;
  std::vector<Verdict> verdicts;  // with --repeat: the verdict of each run
  // What the case measured on the way, whatever the verdict: counts received, which peer got
  // which message, ... (keys documented with the steps that write them).
  nlohmann::json observations = nlohmann::json::object();
  // Set by the baseline (gate/baseline.hpp) when an entry names this case.
  bool baseline_known = false;            // the verdict is the failure the baseline expects
  bool baseline_unexpected_pass = false;  // it passed although the baseline expects a failure
  std::string baseline_reason;
  std::string baseline_clause;
};

}  // namespace zconform
