#!/usr/bin/env python3
"""The report of one scripts/nightly-fuzz run: libFuzzer's final numbers per target, and its
crashes grouped by stack, each group with one minimized input and the command that reproduces it.

usage: fuzz_summary.py OUT_DIR SOURCE_DIR FUZZ_BUILD_DIR BUDGET_SECONDS TARGET...
Writes OUT_DIR/summary.json and OUT_DIR/summary.md; exit status 1 when a target crashed."""

import hashlib
import json
import os
import re
import subprocess
import sys

STAT = re.compile(r"^stat::(\w+):\s+(\d+)", re.M)
COVERAGE = re.compile(r"\bcov: (\d+) ft: (\d+)")
FRAME = re.compile(r"^\s*#\d+ 0x[0-9a-f]+ in (.+?) (/\S+?)(?::(\d+))?(?::\d+)?$", re.M)
KIND = re.compile(
    r"(ERROR: \w+Sanitizer: [\w-]+|runtime error: [^\n]+|ERROR: libFuzzer: [\w-]+|deadly signal)")


def final_stats(log_text):
    """runs, exec/s and new units from -print_final_stats; edges and features from the last
    status line (libFuzzer prints one per new unit and at the end)."""
    stats = {name: int(value) for name, value in STAT.findall(log_text)}
    coverage = COVERAGE.findall(log_text)
    edges, features = (int(coverage[-1][0]), int(coverage[-1][1])) if coverage else (0, 0)
    return {
        "runs": stats.get("number_of_executed_units", 0),
        "exec_per_s": stats.get("average_exec_per_sec", 0),
        "new_units_added": stats.get("new_units_added", 0),
        "edges": edges,
        "features": features,
    }


def signature(stack_text, source_dir):
    """What kind of failure, and the top three frames in libzmq's source, else in the project's own
    code, else at all: two crashes with the same signature are the same bug."""
    kind = KIND.search(stack_text)
    frames = [(fn, path, line) for fn, path, line in FRAME.findall(stack_text)]
    own = [f for f in frames if f[1].startswith(source_dir + "/")
           and not os.path.relpath(f[1], source_dir).startswith("build")]
    # libzmq's own source (scripts/build-instrumented-libzmq) when the crash is in it.
    libzmq = [f for f in frames if "/libzmq-source/" in f[1] or "/libzmq/src/" in f[1]]
    top = (libzmq or own or frames)[:3]
    described = [f"{fn} {os.path.relpath(path, source_dir) if path.startswith(source_dir) else path}"
                 f"{':' + line if line else ''}" for fn, path, line in top]
    return (kind.group(1) if kind else "no sanitizer report"), described


def crashes_of(out_dir, source_dir, build_dir, target):
    binary = os.path.join(build_dir, "fuzz", f"{target}_fuzzer")
    directory = os.path.join(out_dir, "crashes", target)
    groups = {}
    for name in sorted(os.listdir(directory)) if os.path.isdir(directory) else []:
        path = os.path.join(directory, name)
        if not os.path.isfile(path) or name.startswith("min-") or name.endswith(".stack"):
            continue
        run = subprocess.run([binary, path], capture_output=True, text=True, errors="replace",
                             timeout=120)
        stack = run.stdout + run.stderr
        with open(path + ".stack", "w") as out:
            out.write(stack)
        kind, frames = signature(stack, source_dir)
        key = hashlib.sha1((kind + "\n".join(frames)).encode()).hexdigest()[:12]
        group = groups.setdefault(key, {"signature": key, "kind": kind, "frames": frames,
                                        "inputs": []})
        group["inputs"].append(os.path.relpath(path, out_dir))
    for key, group in groups.items():
        first = os.path.join(out_dir, group["inputs"][0])
        minimized = os.path.join(directory, f"min-{key}")
        subprocess.run([binary, "-minimize_crash=1", "-runs=20000",
                        f"-exact_artifact_path={minimized}", first],
                       capture_output=True, timeout=600)
        kept = minimized if os.path.isfile(minimized) else first
        group["minimized"] = os.path.relpath(kept, out_dir)
        group["reproduce"] = f"{binary} {kept}"
    return list(groups.values())


def main():
    out_dir, source_dir = sys.argv[1], os.path.realpath(sys.argv[2])
    build_dir, budget, targets = sys.argv[3], int(sys.argv[4]), sys.argv[5:]
    summary = {"report": os.path.basename(out_dir), "budget_s": budget, "targets": {}}
    for target in targets:
        log_path = os.path.join(out_dir, f"{target}.log")
        log_text = open(log_path, errors="replace").read() if os.path.exists(log_path) else ""
        entry = final_stats(log_text)
        new_entries_path = os.path.join(out_dir, f"{target}.new_entries")
        entry["new_corpus_entries"] = (int(open(new_entries_path).read().strip())
                                       if os.path.exists(new_entries_path) else 0)
        corpus = os.path.join(build_dir, "corpus", target)
        entry["corpus_size"] = len(os.listdir(corpus)) if os.path.isdir(corpus) else 0
        entry["crashes"] = crashes_of(out_dir, source_dir, build_dir, target)
        entry["log"] = f"{target}.log"
        summary["targets"][target] = entry
    with open(os.path.join(out_dir, "summary.json"), "w") as out:
        json.dump(summary, out, indent=1)
        out.write("\n")

    lines = [f"# Fuzzing report {summary['report']} ({budget} s per target)", "",
             "| target | runs | exec/s | edges | features | new corpus entries | corpus | crashes |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for target, e in summary["targets"].items():
        lines.append(f"| {target} | {e['runs']} | {e['exec_per_s']} | {e['edges']} | "
                     f"{e['features']} | {e['new_corpus_entries']} | {e['corpus_size']} | "
                     f"{len(e['crashes'])} |")
    for target, e in summary["targets"].items():
        for crash in e["crashes"]:
            lines += ["", f"## {target}: {crash['kind']} ({crash['signature']})", "",
                      f"{len(crash['inputs'])} input(s); minimized: `{crash['minimized']}`", "",
                      "Top frames in project code:", ""]
            lines += [f"- `{frame}`" for frame in crash["frames"]] or ["- (none)"]
            lines += ["", f"Reproduce: `{crash['reproduce']}`"]
    with open(os.path.join(out_dir, "summary.md"), "w") as out:
        out.write("\n".join(lines) + "\n")
    return 1 if any(e["crashes"] for e in summary["targets"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
