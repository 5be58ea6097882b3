#!/usr/bin/python3
"""Agents that crash, hang, print garbage or exit mid-case: each such case ends as `error` with
the reason, within its deadline, no process is left behind, and the run goes on to the next case
with a fresh agent. Also: broken implementation and scenario files get errors naming file and line."""
import os
import shutil
import tempfile
import unittest

from zconform_e2e import SOURCE_DIR, Run

DOUBLES = os.path.join(SOURCE_DIR, "tests", "doubles")
# Two inproc cases (no handshake events to wait for, so the double needs no monitor support).
FILTER = "delivery.single/PUSH-PULL/inproc/*"
DEADLINE_MS = 1500


def process_gone(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1].startswith("Z")  # a zombie has ended
    except FileNotFoundError:
        return True


class BrokenAgents(unittest.TestCase):
    def run_double(self, mode):
        pidfile = tempfile.mktemp(prefix="zconform-pids-")
        run = Run("--impl-file", os.path.join(DOUBLES, f"{mode}-on-send.yaml"), "--filter", FILTER,
                  "--deadline-ms", str(DEADLINE_MS), env={"ZCONFORM_TEST_PIDFILE": pidfile})
        self.assertEqual(run.code, 2, run.explain())
        self.assertIsNotNone(run.report, run.explain())
        cases = run.cases()
        self.assertEqual(len(cases), 2, run.explain())
        for case in cases:
            self.assertEqual(case["verdict"], "error", case)
            self.assertIn("send", case["actual"])
            self.assertIn("--filter", case["rerun"])
            self.assertLess(case["duration_ms"], DEADLINE_MS + 3000, case)
        # Both cases ran: the second got a new agent.
        self.assertGreaterEqual(run.report["agent_restarts"], 1)
        with open(pidfile) as f:
            pids = [int(p) for p in f.read().split()]
        os.unlink(pidfile)
        self.assertEqual(len(pids), 4)  # two agents, each with a child
        self.assertEqual([p for p in pids if not process_gone(p)], [])
        return cases

    def test_crash_is_an_error_with_the_signal_and_stderr(self):
        for case in self.run_double("crash"):
            self.assertIn("SIGSEGV", case["actual"])
            self.assertIn("crashing on purpose", case["actual"])

    def test_hang_is_cut_at_the_deadline(self):
        for case in self.run_double("hang"):
            self.assertIn("did not answer within", case["actual"])
            self.assertIn("while serving request", case["actual"])
            self.assertIn("process group killed", case["actual"])
            self.assertGreaterEqual(case["duration_ms"], DEADLINE_MS * 0.5)

    def test_garbage_is_quoted(self):
        for case in self.run_double("garbage"):
            self.assertIn("not JSON", case["actual"])
            self.assertIn("'this is not json at all'", case["actual"])

    def test_exit_is_reported_with_its_status(self):
        for case in self.run_double("exit"):
            self.assertIn("exited with status 3", case["actual"])

    def test_reply_to_an_unknown_request_is_a_protocol_error(self):
        for case in self.run_double("wrong-id"):
            self.assertIn("never sent", case["actual"])


class WrongAnswers(unittest.TestCase):
    def test_wrong_message_is_a_failure_with_expected_actual_and_rerun(self):
        run = Run("--impl-file", os.path.join(DOUBLES, "honest-but-wrong.yaml"),
                  "--filter", "delivery.multipart/PUSH-PULL/inproc/*")
        self.assertEqual(run.code, 1, run.explain())
        self.assertEqual(run.report["agent_restarts"], 0)
        for case in run.cases():
            self.assertEqual(case["verdict"], "fail", case)
            self.assertIn('"first", "", "third"', case["expected"])
            self.assertIn('["hello"]', case["actual"])
            self.assertIn("4 frames expected, 1 received", case["actual"])
            self.assertIn("multipart.yaml:8 transfer a -> b", case["step"])
            self.assertIn("--filter '" + case["id"] + "'", case["rerun"])
            self.assertIn("FRAME-06", case["clauses"])
        self.assertIn("expected:", run.stdout)


class BrokenFiles(unittest.TestCase):
    def test_malformed_implementation_file_names_file_and_line(self):
        bad = tempfile.mktemp(suffix=".yaml")
        with open(bad, "w") as f:
            f.write("name: broken\nargv: [\n")
        run = Run("--impl-file", bad)
        os.unlink(bad)
        self.assertEqual(run.code, 2, run.explain())
        self.assertIn(bad + ":", run.stderr)
        self.assertIn("YAML syntax error", run.stderr)

    def test_agent_that_cannot_start_gives_errors_not_a_crash(self):
        bad = tempfile.mktemp(suffix=".yaml")
        with open(bad, "w") as f:
            f.write("name: missing\nargv: [/nonexistent/agent]\n")
        run = Run("--impl-file", bad, "--filter", FILTER)
        os.unlink(bad)
        self.assertEqual(run.code, 2, run.explain())
        self.assertEqual([c["verdict"] for c in run.cases()], ["error", "error"])
        self.assertIn("/nonexistent/agent", run.cases()[0]["actual"])

    def test_malformed_scenario_is_reported_and_the_rest_still_runs(self):
        conformance = tempfile.mkdtemp(prefix="zconform-conf-")
        shutil.copytree(os.path.join(SOURCE_DIR, "conformance"), conformance, dirs_exist_ok=True)
        bad = os.path.join(conformance, "scenarios", "broken.yaml")
        with open(bad, "w") as f:
            f.write("id: broken.one\ntitle: t\nclauses: [NOT-A-CLAUSE-1]\npairings: [PUSH-PULL]\n"
                    "transports: [tcp]\nsteps:\n  - link: [a, b]\n")
        run = Run("--conformance", conformance, "--filter", "delivery.single/PUSH-PULL/inproc/*")
        shutil.rmtree(conformance)
        self.assertEqual(run.code, 2, run.explain())
        self.assertIn("broken.yaml:3:", run.stderr)
        self.assertEqual([c["verdict"] for c in run.cases()], ["pass", "pass"], run.explain())


if __name__ == "__main__":
    unittest.main()
