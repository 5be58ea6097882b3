#!/usr/bin/python3
"""zconform against libzmq, end to end: every case passes, reports are complete and valid."""
import json
import os
import unittest
import xml.etree.ElementTree as ET

import jsonschema

from zconform_e2e import SOURCE_DIR, Run, list_ids


class LibzmqRun(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.result = Run("--impl", "libzmq")

    def test_exit_code_says_all_passed(self):
        self.assertEqual(self.result.code, 0, self.result.explain())

    def test_every_listed_case_ran_and_passed(self):
        ids = [c["id"] for c in self.result.cases()]
        self.assertEqual(ids, list_ids())
        not_passed = [(c["id"], c["verdict"], c.get("actual")) for c in self.result.cases() if c["verdict"] != "pass"]
        self.assertEqual(not_passed, [])
        self.assertEqual(self.result.report["summary"]["pass"], len(ids))

    def test_covers_both_patterns_and_three_transports(self):
        cases = self.result.cases()
        self.assertEqual({c["pairing"] for c in cases} >= {"PUSH-PULL", "REQ-REP"}, True)
        self.assertEqual({c["transport"] for c in cases} >= {"tcp", "ipc", "inproc"}, True)

    def test_report_matches_its_schema(self):
        schema = json.load(open(os.path.join(SOURCE_DIR, "harness/report/report.schema.json")))
        jsonschema.validate(self.result.report, schema)

    def test_implementation_version_comes_from_the_agent(self):
        impl = self.result.report["implementations"][0]
        self.assertEqual(impl["name"], "libzmq")
        self.assertRegex(impl["version"], r"^4\.\d+\.\d+$")

    def test_handshakes_are_recorded_for_tcp_cases(self):
        tcp = [c for c in self.result.cases() if c["transport"] == "tcp"]
        for case in tcp:
            events = [e["event"] for e in case["monitor_events"]]
            self.assertGreaterEqual(events.count("HANDSHAKE_SUCCEEDED"), 2, case["id"])

    def test_junit_has_one_testcase_per_case(self):
        root = ET.parse(os.path.join(self.result.out, "latest", "junit.xml")).getroot()
        self.assertEqual(root.tag, "testsuites")
        self.assertEqual(len(root.findall("./testsuite/testcase")), len(self.result.cases()))
        self.assertEqual(root.get("failures"), "0")
        self.assertEqual(root.get("errors"), "0")

    def test_timestamped_sibling_of_latest(self):
        dirs = [d for d in os.listdir(self.result.out) if d != "latest"]
        self.assertEqual(len(dirs), 1)
        self.assertTrue(os.path.exists(os.path.join(self.result.out, dirs[0], "report.json")))


if __name__ == "__main__":
    unittest.main()
