#pragma once
// What a run plays: one leg per implementation alone and, with several implementations, one leg
// per ordered pair (the first plays role A of every pairing, the second role B; the reverse pair
// swaps them). Each leg has its own case IDs, baseline and rerun command.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "agent/implementation.hpp"
#include "cli/commands.hpp"
#include "gate/baseline.hpp"
#include "scenario/expansion.hpp"

namespace zconform {

// An implementation as the command line named it: registered by name, or by its own file.
struct ImplementationChoice {
  std::string name;            // registered name, or empty
  std::filesystem::path file;  // an implementation file, or empty
  Implementation loaded;
  std::string flag() const;  // "--impl NAME" or "--impl-file PATH"
};

struct RunLeg {
  const ImplementationChoice* a = nullptr;
  const ImplementationChoice* b = nullptr;
  std::string case_id_suffix;        // "" alone; "/A+B" when the roles' implementations differ
  std::optional<Baseline> baseline;  // its own: IMPL.yaml alone, A+B.yaml for a pair
  // A pair inherits the known failures of each side alone (matched without the /A+B suffix): a
  // bug of libzmq's shows in every pair with libzmq on the side that has it.
  struct Inherited {
    Baseline baseline;
    bool side_a = true;  // whose it is: the implementation of role A, or of role B
  };
  std::vector<Inherited> inherited;
  std::string rerun_prefix;  // the command that replays this leg; the case filter is appended

  bool is_pair() const { return !case_id_suffix.empty(); }
  // Marks `result` known (or an unexpected pass) from the leg's own baseline, else an inherited
  // one.
  void apply_baselines(CaseResult& result) const;
  // Whether `spec` runs in this leg: a pair leg plays only cases with sockets on both sides
  // (a wire case, with the raw peer as the other side, says nothing about a pair).
  bool plays(const CaseSpec& spec) const;
};

// The implementations named on the command line (--impl, --impl-file, in that order; libzmq when
// none). Throws FileError for a missing or broken implementation file.
std::vector<ImplementationChoice> chosen_implementations(const RunOptions& options);

// The implementation --peer or --peer-file names for role B, if any. Throws FileError for a
// broken file, or when several implementations are chosen (they make their own pairs).
std::optional<ImplementationChoice> chosen_peer(const RunOptions& options, size_t impl_count);

// The legs over `impls`: each alone, then every ordered pair; or the one pair --peer asks for.
// Throws FileError for a broken baseline.
std::vector<RunLeg> plan_legs(const RunOptions& options,
                              const std::vector<ImplementationChoice>& impls,
                              const std::optional<ImplementationChoice>& peer,
                              const ClauseCatalogue& catalogue);

}  // namespace zconform
