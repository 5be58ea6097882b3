#!/usr/bin/env python3
"""A smoke run of scripts/nightly-fuzz: one target (zws_stream) for a few seconds, built with clang
and the sanitizers in build/fuzz-smoke (kept between runs, so it builds once). The report must
carry libFuzzer's numbers, and the coverage must be the codec's, not only the target file's: an
uninstrumented library gave 132 edges, an instrumented one gives well over a thousand in seconds.
Skipped (77) without clang++."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

SOURCE_DIR = os.environ["ZCONFORM_SOURCE_DIR"]
BUILD_DIR = os.environ.get("ZCONFORM_BUILD_DIR", os.path.join(SOURCE_DIR, "build"))


class NightlyFuzzSmoke(unittest.TestCase):
    def test_a_short_run_reports_numbers_and_library_coverage(self):
        with tempfile.TemporaryDirectory() as reports:
            env = dict(os.environ, ZCONFORM_FUZZ_BUILD=os.path.join(BUILD_DIR, "fuzz-smoke"))
            run = subprocess.run(
                [os.path.join(SOURCE_DIR, "scripts/nightly-fuzz"), "--budget", "5", "--out", reports,
                 "zws_stream"], env=env, capture_output=True, text=True, timeout=900)
            self.assertEqual(run.returncode, 0, run.stderr[-3000:])
            with open(os.path.join(reports, "latest", "summary.json")) as f:
                summary = json.load(f)
            target = summary["targets"]["zws_stream"]
            self.assertGreater(target["runs"], 1000, target)
            self.assertGreater(target["exec_per_s"], 0, target)
            self.assertGreater(target["edges"], 500, target)
            self.assertGreater(target["features"], target["edges"], target)
            self.assertGreaterEqual(target["corpus_size"], 5, target)  # the seeds at least
            self.assertEqual(target["crashes"], [])
            with open(os.path.join(reports, "latest", "summary.md")) as f:
                self.assertIn("| zws_stream |", f.read())


if __name__ == "__main__":
    if shutil.which("clang++") is None:
        print("clang++ not found: skipped")
        sys.exit(77)
    unittest.main()
