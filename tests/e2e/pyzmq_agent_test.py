#!/usr/bin/python3
"""The pyzmq agent (harness/agents/pyzmq): the protocol's broken-input paths answered as
PROTOCOL.md says, its option types agreeing with the driver's, a smoke run of the suite against
pyzmq alone and against libzmq across processes."""
import base64
import json
import os
import re
import subprocess
import unittest

from agent_protocol_checks import ProtocolBasics
from agent_session import AgentSession
from zap_handler_checks import ZapHandlerChecks
from zconform_e2e import SOURCE_DIR, Run

AGENT = os.path.join(SOURCE_DIR, "harness", "agents", "pyzmq", "agent.py")


class ZapHandler(ZapHandlerChecks, unittest.TestCase):
    def setUp(self):
        self.agent = AgentSession(["/usr/bin/python3", AGENT])
        self.addCleanup(self.agent.close)


class BrokenInput(ProtocolBasics, unittest.TestCase):
    def setUp(self):
        self.agent = AgentSession(["/usr/bin/python3", AGENT])
        self.addCleanup(self.agent.close)

    def test_unknown_handles_name_their_errno(self):
        self.assertEqual(self.agent.call("recv", socket="s999", timeout_ms=0)["error"], "ENOTSOCK")
        self.assertEqual(self.agent.call("socket", ctx="c999", type="PUSH")["error"], "EFAULT")
        self.assertEqual(self.agent.call("ctx_term", ctx="c999")["error"], "EFAULT")

    def test_a_line_without_an_id_gets_no_reply_and_the_agent_goes_on(self):
        self.agent.raw("this is not json")
        self.agent.raw(json.dumps({"op": "hello"}))
        reply = self.agent.call("hello")
        self.assertEqual((reply["id"], reply["name"]), (1, "pyzmq"))

    def test_a_recv_blocked_in_libzmq_returns_eterm_on_shutdown(self):
        ctx = self.agent.call("ctx_new")["ctx"]
        socket = self.agent.call("socket", ctx=ctx, type="PULL")["socket"]
        self.agent.raw(json.dumps({"id": 100, "op": "recv", "socket": socket, "timeout_ms": -1}))
        self.assertEqual(self.agent.call("ctx_shutdown", ctx=ctx)["status"], "ok")
        self.assertEqual(self.agent.reply(100)["error"], "ETERM")


class OptionTypes(unittest.TestCase):
    def test_binary_options_are_the_drivers(self):
        header = open(os.path.join(SOURCE_DIR, "harness", "protocol", "option_types.hpp")).read()
        driver = set(re.findall(r'"([a-z_]+)"', header[header.index("kBinaryOptions"):header.index("};", header.index("kBinaryOptions"))]))
        listing = subprocess.run(["/usr/bin/python3", "-c", "import sys; sys.path.insert(0, sys.argv[1]); import options; "
                                  "print(' '.join(n for n, (c, k) in options.OPTIONS.items() if k == options.BINARY))",
                                  os.path.dirname(AGENT)], capture_output=True, text=True, check=True)
        self.assertEqual(set(listing.stdout.split()), driver)


class SmokeRuns(unittest.TestCase):
    def check(self, run, least_passes):
        self.assertEqual(run.code, 0, run.explain())
        verdicts = [c["verdict"] for c in run.cases()]
        self.assertNotIn("error", verdicts)
        self.assertGreaterEqual(verdicts.count("pass"), least_passes)
        return run

    def test_pyzmq_alone(self):
        # Messages, the REQ state machine, termination that unblocks a recv, subscriptions.
        for scenarios, least_passes in [("delivery.multipart", 40), ("reqrep.req-efsm", 8),
                                        ("context.term-unblocks-recv", 8), ("pubsub.prefix-filter", 16),
                                        # poll and proxy borrow sockets from their actors
                                        ("poll.pollin-level-triggered", 12), ("proxy.shared-queue", 4)]:
            run = self.check(Run("--impl", "pyzmq", "--filter", scenarios + "/*"), least_passes)
            self.assertTrue(all(c["implementations"] == ["pyzmq", "pyzmq"] for c in run.cases()))

    def test_libzmq_binds_or_connects_to_pyzmq(self):
        run = self.check(Run("--impl", "libzmq", "--peer", "pyzmq", "--filter", "delivery.multipart/*"), 30)
        inproc = [c for c in run.cases() if c["transport"] == "inproc"]
        self.assertTrue(all(c["verdict"] == "unsupported" for c in inproc))  # two processes


if __name__ == "__main__":
    unittest.main()
