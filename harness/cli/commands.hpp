#pragma once
// zconform's subcommands. Exit codes (documented in README.md, never above 2):
//   0  every case passed or ended in an accepted verdict (non-strict, informational, unsupported,
//      or a failure the implementation's baseline expects)
//   1  at least one case failed that the baseline does not expect (a regression)
//   2  the harness could not do its job: bad input file, agent error, report not written
#include <filesystem>
#include <string>
#include <vector>

namespace zconform {

enum ExitCode { kExitOk = 0, kExitFailures = 1, kExitHarnessError = 2 };

struct CommonOptions {
  std::filesystem::path conformance_dir;  // scenarios/, implementations/, spec/CLAUSES.md
  std::string filter;                     // glob over case IDs
};

struct RunOptions {
  CommonOptions common;
  std::vector<std::string> impls;                 // registered names; libzmq when none at all
  std::vector<std::filesystem::path> impl_files;  // implementation files of the user's
  std::string peer;                               // role B of a single pair; empty: none
  std::filesystem::path peer_file;
  std::filesystem::path out_dir;
  int deadline_ms = 0;  // caps every case's deadline; 0: the scenarios' own
  int jobs = 1;         // cases played at once, each worker on its own agents
  int repeat = 1;       // runs of each case; a verdict that changes is reported flaky
  int shard_index = 1;  // --shard I/N: this run plays every Nth case of the plan, from the Ith
  int shard_count = 1;
  bool dry_run = false;  // list what would run (and why the rest would not), play nothing
  double timeout_scale = 1.0;
  bool strict = false;
  bool quiet = false;
  std::filesystem::path baseline;  // empty: conformance/baselines/<impl>.yaml if there is one
  bool no_baseline = false;
  std::string command_line;
};

struct MergeOptions {
  CommonOptions common;                       // for CLAUSES.md (the HTML report quotes it)
  std::vector<std::filesystem::path> inputs;  // report.json files or the directories holding them
  std::filesystem::path out_dir;
  std::string command_line;
};

struct DiffOptions {
  std::filesystem::path old_report;
  std::filesystem::path new_report;
  bool markdown = false;
};

int run_command(const RunOptions& options);
int merge_command(const MergeOptions& options);
int diff_command(const DiffOptions& options);
int list_command(const CommonOptions& options);
int coverage_command(const CommonOptions& options);
int steps_command();

}  // namespace zconform
