// zconform: the conformance driver. Parses the command line and hands over to a command.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/paths.hpp"

int main(int argc, char** argv) {
  using namespace zconform;
  CLI::App app{
      "zconform: ZeroMQ conformance harness. Plays scenarios against implementations "
      "through their agents and writes reports."};
  app.set_version_flag("--version", std::string(ZCONFORM_VERSION));
  app.require_subcommand(1);

  RunOptions run;
  run.common.conformance_dir = source_dir() / "conformance";
  run.out_dir = source_dir() / "reports";
  CommonOptions list = run.common;

  auto add_common = [](CLI::App* cmd, CommonOptions& o) {
    cmd->add_option("--conformance", o.conformance_dir,
                    "Directory with scenarios/, implementations/ and spec/")
        ->capture_default_str();
    cmd->add_option("--filter", o.filter,
                    "Only case IDs matching this glob ('*' crosses '/'), e.g. 'reqrep.*/*/tcp/*'");
  };

  auto* run_cmd =
      app.add_subcommand("run", "Run the cases and write reports (report.json, junit.xml)");
  add_common(run_cmd, run.common);
  run_cmd->add_option("--impl", run.impls,
                      "Registered implementation to test (conformance/implementations/NAME.yaml); "
                      "several: each alone, then every ordered pair of them (default: libzmq)");
  run_cmd->add_option("--impl-file", run.impl_files,
                      "Your own implementation file, alone or among the --impl ones");
  auto* peer = run_cmd->add_option(
      "--peer", run.peer, "Implementation for role B of every pairing, with a single --impl");
  run_cmd->add_option("--peer-file", run.peer_file, "Implementation file for role B")
      ->excludes(peer);
  run_cmd->add_option("--out", run.out_dir, "Reports go to OUT/<timestamp>/ and OUT/latest/")
      ->capture_default_str();
  run_cmd
      ->add_option("--deadline-ms", run.deadline_ms,
                   "Cap every case's deadline (ms) below its scenario's own")
      ->check(CLI::Range(100, 600000));
  run_cmd
      ->add_option("--jobs", run.jobs,
                   "Cases played at once, each worker on its own agents (verdicts are the same "
                   "as with --jobs 1)")
      ->check(CLI::Range(1, 64));
  run_cmd
      ->add_option("--repeat", run.repeat,
                   "Play each case N times; a case whose verdict changes is reported 'flaky' with "
                   "every verdict")
      ->check(CLI::Range(1, 1000));
  std::string shard;
  run_cmd
      ->add_option("--shard", shard,
                   "I/N: play only shard I of N (every Nth case of the plan); 'zconform merge' "
                   "joins the shards' reports into the report of the whole run")
      ->check([](const std::string& text) -> std::string {
        int i = 0, n = 0;
        char slash = 0, extra = 0;
        if (std::sscanf(text.c_str(), "%d%c%d%c", &i, &slash, &n, &extra) != 3 || slash != '/' ||
            n < 1 || i < 1 || i > n)
          return "--shard takes I/N with 1 <= I <= N, e.g. 2/4";
        return "";
      });
  run_cmd->add_flag("--dry-run", run.dry_run,
                    "Print the cases that would run and why each other one would not; play none");
  run_cmd
      ->add_option("--timeout-scale", run.timeout_scale,
                   "Multiply every deadline and upper time bound by X (slow machines, sanitizers); "
                   "bounds the spec sets from below are kept")
      ->check(CLI::Range(0.5, 100.0));
  run_cmd->add_flag("--strict", run.strict, "A broken SHOULD clause is a failure, not NON-STRICT");
  run_cmd->add_flag("--quiet", run.quiet, "Print only failures and the summary");
  auto* baseline = run_cmd->add_option(
      "--baseline", run.baseline,
      "Known failures (default: conformance/baselines/IMPL.yaml when it exists)");
  run_cmd->add_flag("--no-baseline", run.no_baseline, "Count every failure, known or not")
      ->excludes(baseline);

  auto* list_cmd = app.add_subcommand("list", "Print the case IDs, one per line");
  add_common(list_cmd, list);
  CommonOptions coverage = run.common;
  auto* coverage_cmd =
      app.add_subcommand("coverage", "Which clauses of CLAUSES.md have cases: a table and N of M");
  add_common(coverage_cmd, coverage);

  MergeOptions merge;
  merge.common = run.common;
  merge.out_dir = run.out_dir;
  auto* merge_cmd = app.add_subcommand(
      "merge", "Join the reports of a run's shards (--shard I/N) into the report of the whole run");
  merge_cmd
      ->add_option("--conformance", merge.common.conformance_dir,
                   "Directory with spec/CLAUSES.md (quoted by report.html)")
      ->capture_default_str();
  merge_cmd->add_option("--out", merge.out_dir, "Reports go to OUT/<timestamp>/ and OUT/latest/")
      ->capture_default_str();
  merge_cmd->add_option("reports", merge.inputs, "report.json files, or directories holding one")
      ->required();

  DiffOptions diff;
  auto* diff_cmd = app.add_subcommand(
      "diff", "Compare two reports: regressions, fixes, new and removed cases, per implementation");
  diff_cmd->add_option("old", diff.old_report, "report.json (or its directory) before")->required();
  diff_cmd->add_option("new", diff.new_report, "report.json (or its directory) after")->required();
  diff_cmd->add_flag("--markdown", diff.markdown, "Write Markdown (for a pull-request comment)");

  auto* steps_cmd = app.add_subcommand(
      "steps", "Print the step reference (Markdown) from the steps' field tables");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11's own codes run past 100; ours stay 0 (help, version) or 2 (bad command line).
    return app.exit(e) == 0 ? kExitOk : kExitHarnessError;
  }
  for (int i = 0; i < argc; ++i) run.command_line += (i ? " " : "") + std::string(argv[i]);
  if (!shard.empty()) std::sscanf(shard.c_str(), "%d/%d", &run.shard_index, &run.shard_count);
  merge.command_line = run.command_line;
  if (*run_cmd) return run_command(run);
  if (*merge_cmd) return merge_command(merge);
  if (*diff_cmd) return diff_command(diff);
  if (*coverage_cmd) return coverage_command(coverage);
  if (*steps_cmd) return steps_command();
  return list_command(list);
}
