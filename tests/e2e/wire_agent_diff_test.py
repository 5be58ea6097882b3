#!/usr/bin/env python3
"""wire_agent's differential mode, end to end: the engine target's seed inputs played against
libzmq and JeroMQ through their agents (JeroMQ 0.3.6 speaks ZMTP 2.0, so they must disagree on
some), each disagreement recorded once, as a JSON line whose input replays. Skipped (77) when the
fuzz build (fuzz/ctest/build-smoke) or JeroMQ's agent is missing."""

import base64
import glob
import json
import os
import subprocess
import sys
import tempfile
import unittest

SOURCE_DIR = os.environ["ZCONFORM_SOURCE_DIR"]
BUILD_DIR = os.environ.get("ZCONFORM_BUILD_DIR", os.path.join(SOURCE_DIR, "build"))
FUZZER = os.path.join(BUILD_DIR, "fuzz-smoke", "fuzz", "wire_agent_fuzzer")


class WireAgentDifferential(unittest.TestCase):
    def test_disagreements_are_recorded_once_each_with_their_input(self):
        with tempfile.TemporaryDirectory() as scratch:
            out = os.path.join(scratch, "disagreements.jsonl")
            env = dict(os.environ, ZCONFORM_FUZZ_IMPL="libzmq", ZCONFORM_FUZZ_DIFF="jeromq",
                       ZCONFORM_FUZZ_DISAGREEMENTS=out, ZCONFORM_BUILD_DIR=BUILD_DIR)
            inputs = sorted(glob.glob(os.path.join(SOURCE_DIR, "corpus", "wire_agent", "*")))
            run = subprocess.run([FUZZER] + inputs, env=env, capture_output=True, text=True, timeout=600)
            self.assertEqual(run.returncode, 0, run.stderr[-3000:])
            with open(out) as f:
                records = [json.loads(line) for line in f]
            self.assertGreater(len(records), 0, run.stderr[-2000:])
            signatures = [r["signature"] for r in records]
            self.assertEqual(len(signatures), len(set(signatures)), signatures)
            seeds = {open(p, "rb").read() for p in inputs}
            for record in records:
                self.assertIn(base64.b64decode(record["input_base64"]), seeds, record)
                self.assertTrue(record["detail"].startswith("libzmq "), record)


if __name__ == "__main__":
    if not os.access(FUZZER, os.X_OK):
        print(f"{FUZZER} was not built: skipped")
        sys.exit(77)
    if not os.path.exists(os.path.join(BUILD_DIR, "agents", "jeromq")):
        print("no JeroMQ agent: skipped")
        sys.exit(77)
    unittest.main()
