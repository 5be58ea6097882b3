#!/usr/bin/python3
"""The checks of high-water marks, contexts and faults can fail: scenarios in must_fail/ expect of
libzmq what it does not do, and every one of their cases must end `fail`, saying what differed."""
import os
import shutil
import tempfile
import unittest

from zconform_e2e import SOURCE_DIR, Run

HERE = os.path.dirname(os.path.abspath(__file__))

# scenario id -> words its failure message must hold (expected + actual)
EXPECTED = {
    "must-fail.push-drops": "never refused",
    "must-fail.pub-blocks": "all 2000 accepted",
    "must-fail.pub-loses-nothing": "every one from number 0 on delivered",
    "must-fail.linger-forever-returns": "within 300 ms",
    "must-fail.term-returns-early": "still blocked",
    "must-fail.linger-too-soon": "after at least 500 ms",
    "must-fail.blocked-recv-answered": "ETERM",
    "must-fail.black-hole-delivers": "EAGAIN",
    "must-fail.cut-unnoticed": "no DISCONNECTED",
    "must-fail.stream-greeting": "octets arrived: <10 bytes: ff00000000000000017f>",
    "must-fail.stall-never-closed": "open: neither closed nor answered",
    "must-fail.hasty-reconnect": "no new connection for 400 ms",
    "must-fail.curve-ready-properties": 'Socket-Type="PULL"',
    "must-fail.curve-client-key": "INITIATE vouches for C = rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7",
    "must-fail.curve-message-unsealed": 'body="what was sent"',
    "must-fail.curve-hangup-no-reconnect": "at most 1 CONNECTED event(s) on a in all",
}


def conformance_dir():
    root = tempfile.mkdtemp(prefix="zconform-must-fail-")
    conformance = os.path.join(SOURCE_DIR, "conformance")
    for name in ("spec", "implementations", "pairings.yaml"):
        os.symlink(os.path.join(conformance, name), os.path.join(root, name))
    shutil.copytree(os.path.join(HERE, "must_fail"), os.path.join(root, "scenarios"),
                    ignore=shutil.ignore_patterns("*.md"))
    return root


class MustFail(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.result = Run("--impl", "libzmq", "--conformance", conformance_dir(), "--no-baseline")

    def test_the_gate_fails(self):
        self.assertEqual(self.result.code, 1, self.result.explain())

    def test_every_case_fails_saying_what_differed(self):
        seen = set()
        for case in self.result.cases():
            seen.add(case["scenario"])
            self.assertEqual(case["verdict"], "fail", (case["id"], case.get("actual")))
            message = case["expected"] + " / " + case["actual"]
            self.assertIn(EXPECTED[case["scenario"]], message, case["id"])
        self.assertEqual(seen, set(EXPECTED))

    def test_counts_are_recorded_even_when_the_check_fails(self):
        case = next(c for c in self.result.cases() if c["scenario"] == "must-fail.pub-loses-nothing")
        hwm = case["observations"]["hwm"]
        self.assertEqual(hwm["sent"], 2000)
        self.assertEqual(hwm["sent"], hwm["delivered"] + hwm["dropped"])
        self.assertGreater(hwm["dropped"], 0)


class LossyProxy(unittest.TestCase):
    """A proxy that forwards only the first frame of each message fails every proxy scenario that
    moves multipart messages (issue 15: "a proxy that drops a part")."""

    @classmethod
    def setUpClass(cls):
        double = os.path.join(SOURCE_DIR, "tests", "doubles", "lossy-proxy.yaml")
        cls.result = Run("--impl-file", double, "--no-baseline", "--jobs", "2", "--filter", "proxy.*/*/tcp/*")

    def test_every_multipart_case_fails_on_the_lost_parts(self):
        by_scenario = {c["scenario"]: c for c in self.result.cases()}
        self.assertTrue({"proxy.streamer", "proxy.forwarder", "proxy.capture", "proxy.shared-queue",
                         "proxy.steerable"} <= set(by_scenario), self.result.explain())
        for name in ("proxy.streamer", "proxy.forwarder", "proxy.capture"):
            case = by_scenario[name]
            self.assertEqual(case["verdict"], "fail", (case["id"], case.get("actual")))
            self.assertRegex(case["actual"], r"\d+ frames expected, 1 received", case["id"])
        # Requests lose their envelope: no reply and no STATISTICS ever come back.
        for name in ("proxy.shared-queue", "proxy.steerable"):
            case = by_scenario[name]
            self.assertEqual(case["verdict"], "fail", (case["id"], case.get("actual")))
            self.assertIn("EAGAIN", case["actual"], case["id"])

class LenientZap(unittest.TestCase):
    """A server that lets in a client its ZAP handler refused (the double answers 200 whatever the
    scenario said) fails every refusal scenario, on the handshake it should not have completed
    (issue 16: "a fake server that admits a client whose ZAP reply was 400")."""

    @classmethod
    def setUpClass(cls):
        double = os.path.join(SOURCE_DIR, "tests", "doubles", "lenient-zap.yaml")
        cls.result = Run("--impl-file", double, "--no-baseline", "--jobs", "2", "--filter",
                         "security.*refused*/*/tcp/*")

    def test_every_refusal_case_fails_on_the_admission(self):
        by_scenario = {}
        for case in self.result.cases():
            by_scenario.setdefault(case["scenario"], []).append(case)
        self.assertTrue({"security.zap-refused-300", "security.zap-refused-400", "security.zap-refused-500",
                         "security.zap-null-refused", "security.curve-zap-refused"} <= set(by_scenario),
                        self.result.explain())
        for name, cases in by_scenario.items():
            for case in cases:
                self.assertEqual(case["verdict"], "fail", (case["id"], case.get("actual")))
                self.assertIn("no HANDSHAKE_SUCCEEDED event", case["expected"], case["id"])


if __name__ == "__main__":
    unittest.main()
