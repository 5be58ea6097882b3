#!/usr/bin/env python3
"""The nightly fuzzing report (scripts/lib/fuzz_summary.py, written by scripts/nightly-fuzz):
libFuzzer's numbers read from a target's log, crashes grouped by their stack in project code, a
group per bug, and a failing exit status when anything crashed. A fake fuzz target stands in for
a real one: it prints the sanitizer report a crashing input would give."""

import json
import os
import stat
import subprocess
import sys
import tempfile
import unittest

SOURCE_DIR = os.environ.get("ZCONFORM_SOURCE_DIR",
                            os.path.realpath(os.path.join(os.path.dirname(__file__), "../..")))
SUMMARY = os.path.join(SOURCE_DIR, "scripts/lib/fuzz_summary.py")

LOG = """INFO: Seed: 1
#2	INITED cov: 40 ft: 60 corp: 5/1Kb exec/s: 0 rss: 30Mb
#900	NEW    cov: 57 ft: 99 corp: 7/2Kb lim: 4 exec/s: 0 rss: 31Mb
#1000	DONE   cov: 61 ft: 104 corp: 8/2Kb lim: 4 exec/s: 500 rss: 31Mb
Done 1000 runs in 2 second(s)
stat::number_of_executed_units: 1000
stat::average_exec_per_sec:     500
stat::new_units_added:          3
stat::slowest_unit_time_sec:    0
stat::peak_rss_mb:              31
"""

# Prints the report the input names: inputs "A..." overflow in the frame decoder, "B..." in the
# command parser; a frame outside the project (libc) sits on top of each, as in real reports.
FAKE_TARGET = """#!/bin/sh
for arg in "$@"; do case "$arg" in -*) exit 0 ;; esac; done
case "$(head -c1 "$1")" in
  A) where="zconform::zmtp::FrameDecoder::next(...) {src}/harness/zmtp/frame.cpp:45:7" ;;
  *) where="zconform::zmtp::parse_command_body(...) {src}/harness/zmtp/command.cpp:80:3" ;;
esac
cat >&2 <<EOF
==1==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x602000000011
    #0 0x4a1b2c in __asan_memcpy (/usr/lib/libasan.so+0x1)
    #1 0x4a1b2d in $where
    #2 0x4a1b2e in LLVMFuzzerTestOneInput {src}/fuzz/demo_fuzzer.cpp:12:3
EOF
exit 1
"""


class FuzzReport(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.src = os.path.realpath(self.tmp.name)
        self.out = os.path.join(self.src, "reports", "fuzz", "20261128T000000Z")
        os.makedirs(os.path.join(self.src, "build-fuzz", "fuzz"))
        os.makedirs(os.path.join(self.out, "crashes", "demo"))
        os.makedirs(os.path.join(self.src, "build-fuzz", "corpus", "demo"))
        fake = os.path.join(self.src, "build-fuzz", "fuzz", "demo_fuzzer")
        with open(fake, "w") as f:
            f.write(FAKE_TARGET.format(src=self.src))
        os.chmod(fake, os.stat(fake).st_mode | stat.S_IEXEC)
        for name in ("quiet", "demo"):
            with open(os.path.join(self.out, f"{name}.log"), "w") as f:
                f.write(LOG)
            with open(os.path.join(self.out, f"{name}.new_entries"), "w") as f:
                f.write("3\n")
        for name, content in (("crash-1", "A1"), ("crash-2", "A2"), ("crash-3", "B3")):
            with open(os.path.join(self.out, "crashes", "demo", name), "w") as f:
                f.write(content)

    def tearDown(self):
        self.tmp.cleanup()

    def summarize(self, *targets):
        run = subprocess.run([sys.executable, SUMMARY, self.out, self.src,
                              os.path.join(self.src, "build-fuzz"), "60", *targets],
                             capture_output=True, text=True, timeout=120)
        with open(os.path.join(self.out, "summary.json")) as f:
            return run.returncode, json.load(f), run.stderr

    def test_numbers_come_from_the_log(self):
        status, summary, err = self.summarize("quiet")
        self.assertEqual(status, 0, err)
        quiet = summary["targets"]["quiet"]
        self.assertEqual((quiet["runs"], quiet["exec_per_s"], quiet["edges"], quiet["features"]),
                         (1000, 500, 61, 104))
        self.assertEqual(quiet["new_corpus_entries"], 3)
        self.assertEqual(quiet["crashes"], [])
        self.assertEqual(summary["budget_s"], 60)

    def test_crashes_are_grouped_by_their_stack_in_project_code(self):
        status, summary, err = self.summarize("demo")
        self.assertEqual(status, 1, "a crash must fail the job")
        crashes = summary["targets"]["demo"]["crashes"]
        self.assertEqual(sorted(len(c["inputs"]) for c in crashes), [1, 2], crashes)
        for crash in crashes:
            self.assertEqual(crash["kind"], "ERROR: AddressSanitizer: heap-buffer-overflow")
            # libc's frame is not the signature; the project's frames are, with file and line.
            self.assertFalse(any("asan_memcpy" in f for f in crash["frames"]), crash["frames"])
            self.assertTrue(crash["frames"][0].endswith((".cpp:45", ".cpp:80")), crash["frames"])
            self.assertIn("build-fuzz/fuzz/demo_fuzzer", crash["reproduce"])
            self.assertTrue(os.path.isfile(os.path.join(self.out, crash["minimized"])))
        with open(os.path.join(self.out, "summary.md")) as f:
            markdown = f.read()
        self.assertIn("| demo | 1000 | 500 | 61 | 104 | 3 |", markdown)
        self.assertIn("harness/zmtp/frame.cpp:45", markdown)


if __name__ == "__main__":
    unittest.main()
