#pragma once
// What every case of a run shares: the implementations, the tables, the strictness and limits.
#include <chrono>
#include <filesystem>
#include <string>

#include "agent/implementation.hpp"
#include "scenario/clauses.hpp"
#include "scenario/pairing_table.hpp"

namespace zconform {

struct RunSettings {
  Implementation impl_a;       // plays role A (the first type of each pairing)
  Implementation impl_b;       // plays role B
  std::string case_id_suffix;  // "/A+B" when impl_a and impl_b differ (cli/run_plan.hpp)
  bool strict = false;         // SHOULD clauses broken -> fail instead of non-strict
  int deadline_cap_ms = 0;     // > 0: no case runs longer, whatever its scenario says
  // --timeout-scale: a slow machine's factor on every wait for something to happen (case
  // deadlines, agent start-up, the upper bound of a timed rule). Never on a wait for something
  // NOT to happen before a time the spec sets: that bound is the spec's, not the machine's.
  double timeout_scale = 1.0;
  std::filesystem::path ipc_dir;  // where ipc:// endpoints live (short: paths max 107 bytes)
  std::string rerun_prefix;       // "build/zconform run --impl libzmq"; the case filter is appended
  const ClauseCatalogue* catalogue = nullptr;
  const PairingTable* pairings = nullptr;

  std::chrono::milliseconds scaled(std::chrono::milliseconds wait) const {
    return std::chrono::milliseconds(static_cast<long long>(wait.count() * timeout_scale));
  }
  int scaled_ms(int ms) const {
    return static_cast<int>(scaled(std::chrono::milliseconds(ms)).count());
  }
};

}  // namespace zconform
