#!/usr/bin/python3
"""The zeromq.js agent (harness/agents/zeromqjs): the protocol's broken-input paths answered as
PROTOCOL.md says, what zeromq.js cannot do answered `unsupported`, its option types agreeing
with the driver's, and smoke runs of the suite alone and against libzmq in both directions.
Skipped (exit 77) when node or the npm package (scripts/install-node-agents) is missing."""
import os
import re
import shutil
import subprocess
import sys
import unittest

from agent_protocol_checks import ProtocolBasics
from agent_session import AgentSession
from zap_handler_checks import B64, ZapHandlerChecks
from zconform_e2e import SOURCE_DIR, ZCONFORM, Run

AGENT = os.path.join(SOURCE_DIR, "harness", "agents", "zeromqjs", "agent.js")
NODE_PATH = os.path.join(os.path.dirname(ZCONFORM), "agents", "node", "node_modules")


def start():
    return AgentSession(["node", AGENT], env={"NODE_PATH": NODE_PATH})


class BrokenInput(ProtocolBasics, unittest.TestCase):
    def setUp(self):
        self.agent = start()
        self.addCleanup(self.agent.close)

    def test_hello_names_the_bundled_libzmq_and_its_events(self):
        hello = self.agent.call("hello")
        self.assertEqual(hello["name"], "zeromq.js")
        self.assertRegex(hello["version"], r"^6\.\d+\.\d+ \(libzmq 4\.\d+\.\d+\)$")
        self.assertIn("HANDSHAKE_SUCCEEDED", hello["capabilities"]["monitor_events"])

    def test_a_frame_of_megabytes_is_decoded(self):
        # A regular expression over it once exhausted the stack.
        ctx = self.agent.call("ctx_new")["ctx"]
        pull = self.agent.call("socket", ctx=ctx, type="PULL")["socket"]
        push = self.agent.call("socket", ctx=ctx, type="PUSH")["socket"]
        endpoint = self.agent.call("bind", socket=pull, endpoint="inproc://big")["endpoint"]
        self.assertEqual(self.agent.call("connect", socket=push, endpoint=endpoint)["status"], "ok")
        frame = "QUJD" * (1 << 20)
        self.assertEqual(self.agent.call("send", socket=push, frames=[frame])["status"], "ok")
        self.assertEqual(self.agent.call("recv", socket=pull, timeout_ms=5000)["frames"], [frame])

    def test_what_zeromqjs_lacks_is_unsupported_not_an_error(self):
        ctx = self.agent.call("ctx_new")["ctx"]
        push = self.agent.call("socket", ctx=ctx, type="PUSH")["socket"]
        self.assertEqual(self.agent.call("recv", socket=push, timeout_ms=0)["status"], "unsupported")
        self.assertEqual(self.agent.call("close", socket=push)["status"], "ok")
        self.assertEqual(self.agent.call("ctx_shutdown", ctx=ctx)["status"], "unsupported")
        self.assertEqual(self.agent.call("ctx_term", ctx=ctx)["status"], "unsupported")
        # The handle stays known after the context was let go: still unsupported, not EFAULT.
        self.assertEqual(self.agent.call("ctx_term", ctx=ctx)["status"], "unsupported")

    def test_contexts_let_go_of_are_reused_not_leaked(self):
        # zeromq.js never terminates a context: without reuse each case kept five descriptors.
        def cycle():
            ctx = self.agent.call("ctx_new")["ctx"]
            pull = self.agent.call("socket", ctx=ctx, type="PULL")["socket"]
            self.agent.call("bind", socket=pull, endpoint="tcp://127.0.0.1:*")
            self.agent.call("close", socket=pull)
            self.agent.call("ctx_term", ctx=ctx)
        cycle()
        before = len(os.listdir(f"/proc/{self.agent.proc.pid}/fd"))
        for _ in range(100):
            cycle()
        self.assertLess(len(os.listdir(f"/proc/{self.agent.proc.pid}/fd")), before + 10)

    def test_a_closed_socket_is_gone(self):
        ctx = self.agent.call("ctx_new")["ctx"]
        pull = self.agent.call("socket", ctx=ctx, type="PULL")["socket"]
        self.assertEqual(self.agent.call("close", socket=pull)["status"], "ok")
        self.assertEqual(self.agent.call("recv", socket=pull, timeout_ms=0)["error"], "ENOTSOCK")


class DraftTypes(unittest.TestCase):
    """Protocol 2: a SERVER's routing id and a DISH's group beside the frames, join and leave."""
    def setUp(self):
        self.agent = start()
        self.addCleanup(self.agent.close)
        self.ctx = self.agent.call("ctx_new")["ctx"]

    def pair(self, binder_type, connector_type, name):
        binder = self.agent.call("socket", ctx=self.ctx, type=binder_type)["socket"]
        connector = self.agent.call("socket", ctx=self.ctx, type=connector_type)["socket"]
        endpoint = self.agent.call("bind", socket=binder, endpoint="inproc://" + name)["endpoint"]
        self.assertEqual(self.agent.call("connect", socket=connector, endpoint=endpoint)["status"], "ok")
        return binder, connector

    def test_hello_offers_the_draft_types_zeromqjs_has(self):
        hello = self.agent.call("hello")
        self.assertEqual(hello["protocol"], 2)
        types = hello["capabilities"]["socket_types"]
        for t in ("CLIENT", "SERVER", "RADIO", "DISH", "SCATTER", "GATHER"):
            self.assertIn(t, types)
        self.assertNotIn("PEER", types)  # zeromq.js has no class for it

    def test_a_server_reply_goes_to_the_routing_id_it_received(self):
        server, client = self.pair("SERVER", "CLIENT", "cs")
        self.agent.call("send", socket=client, frames=["aGk="])
        got = self.agent.call("recv", socket=server, timeout_ms=5000)
        self.assertEqual(got["frames"], ["aGk="])
        self.assertIsInstance(got["routing_id"], int)
        self.assertEqual(self.agent.call("send", socket=server, frames=["eW8="],
                                         routing_id=got["routing_id"])["status"], "ok")
        self.assertEqual(self.agent.call("recv", socket=client, timeout_ms=5000)["frames"], ["eW8="])
        self.assertEqual(self.agent.call("send", socket=server, frames=["eA=="], routing_id=-1)["error"],
                         "EBADREQUEST")

    def test_a_dish_gets_the_group_and_only_a_dish_joins(self):
        dish, radio = self.pair("DISH", "RADIO", "rd")
        self.assertEqual(self.agent.call("join", socket=dish, group="g")["status"], "ok")
        self.assertEqual(self.agent.call("join", socket=radio, group="g")["error"], "ENOTSUP")
        self.assertEqual(self.agent.call("leave", socket=dish, group="never")["error"], "EINVAL")
        self.assertEqual(self.agent.call("send", socket=radio, frames=["eA=="], group=7)["error"],
                         "EBADREQUEST")


class ZapHandler(ZapHandlerChecks, unittest.TestCase):
    READS_METADATA = False  # zeromq.js has no zmq_msg_gets

    def setUp(self):
        self.agent = start()
        self.addCleanup(self.agent.close)


class Security(unittest.TestCase):
    """ZAP handlers in contexts that zeromq.js never terminates, and the CURVE calls it lacks."""
    def setUp(self):
        self.agent = start()
        self.addCleanup(self.agent.close)

    def test_a_context_let_go_of_takes_a_new_zap_handler(self):
        # The next case must not be handed a context whose old handler still holds the endpoint.
        ctx = self.agent.call("ctx_new")["ctx"]
        self.assertEqual(self.agent.call("zap_handler", ctx=ctx, answers=[])["status"], "ok")
        self.assertEqual(self.agent.call("zap_handler", ctx=ctx, answers=[])["error"], "EADDRINUSE")
        self.assertEqual(self.agent.call("ctx_term", ctx=ctx)["status"], "unsupported")
        again = self.agent.call("ctx_new")["ctx"]
        self.assertEqual(self.agent.call("zap_handler", ctx=again, answers=[])["status"], "ok")
        self.assertEqual(self.agent.call("zap_requests", ctx=ctx)["requests"], [])

    def test_zap_calls_without_a_handler(self):
        ctx = self.agent.call("ctx_new")["ctx"]
        self.assertEqual(self.agent.call("zap_release", ctx=ctx, timeout_ms=0)["error"], "EFAULT")
        self.assertEqual(self.agent.call("zap_requests", ctx=ctx)["requests"], [])
        self.assertEqual(self.agent.call("zap_handler", ctx="c999", answers=[])["error"], "EFAULT")

    def test_curve_keypair_is_z85_and_curve_public_is_unsupported(self):
        pair = self.agent.call("curve_keypair")
        self.assertEqual((len(pair["public"]), len(pair["secret"])), (40, 40))
        self.assertEqual(self.agent.call("curve_public", secret=pair["secret"])["status"], "unsupported")


class OptionTypes(unittest.TestCase):
    def test_binary_options_are_the_drivers(self):
        header = open(os.path.join(SOURCE_DIR, "harness", "protocol", "option_types.hpp")).read()
        block = header[header.index("kBinaryOptions"):header.index("};", header.index("kBinaryOptions"))]
        script = ("const {OPTIONS} = require(process.argv[1]);"
                  "console.log(Object.entries(OPTIONS).filter(([n, o]) => o[1] === 'binary')"
                  ".map(([n]) => n).join(' '))")
        # options.js asks zeromq.js whether its libzmq has CURVE: the package must be found.
        listing = subprocess.run(["node", "-e", script, os.path.join(os.path.dirname(AGENT), "options.js")],
                                 capture_output=True, text=True, check=True,
                                 env={**os.environ, "NODE_PATH": NODE_PATH})
        self.assertEqual(set(listing.stdout.split()), set(re.findall(r'"([a-z_]+)"', block)))


class SmokeRuns(unittest.TestCase):
    def check(self, run, least_passes):
        self.assertIn(run.code, (0, 1), run.explain())  # failures are findings, not breakage
        verdicts = [c["verdict"] for c in run.cases()]
        self.assertNotIn("error", verdicts, run.explain())
        self.assertGreaterEqual(verdicts.count("pass"), least_passes, run.explain())
        return run

    def test_zeromqjs_alone(self):
        run = self.check(Run("--impl", "zeromqjs", "--filter", "delivery.multipart/*"), 40)
        self.assertEqual(run.code, 0, run.explain())
        versions = {i["name"]: i["version"] for i in run.report["implementations"]}
        self.assertRegex(versions.get("zeromqjs", ""), r"^6\.\d+\.\d+ \(libzmq ", run.explain())

    def test_draft_scenarios_pass_and_libzmq_without_drafts_is_unsupported(self):
        run = self.check(Run("--impl", "zeromqjs", "--impl", "libzmq", "--filter", "draft.*/*/tcp/*"), 10)
        for c in run.cases():
            if c["implementations"] == ["zeromqjs", "zeromqjs"]:
                self.assertEqual(c["verdict"], "pass", run.explain())
            else:
                self.assertEqual(c["verdict"], "unsupported", run.explain())
                self.assertIn("does not offer", c["actual"], run.explain())

    def test_a_term_it_cannot_do_is_unsupported(self):
        run = self.check(Run("--impl", "zeromqjs", "--filter", "context.term-unblocks-recv/PUSH-PULL/*"), 0)
        self.assertTrue(all(c["verdict"] == "unsupported" for c in run.cases()), run.explain())
        self.assertTrue(all("zmq_ctx_term" in c["actual"] for c in run.cases()), run.explain())

    def test_libzmq_and_zeromqjs_in_both_directions(self):
        run = self.check(Run("--impl", "libzmq", "--impl", "zeromqjs", "--filter", "delivery.single/PUSH-PULL/tcp/*"), 8)
        ids = {c["id"] for c in run.cases()}
        self.assertIn("delivery.single/PUSH-PULL/tcp/PULL-binds/libzmq+zeromqjs", ids)
        self.assertIn("delivery.single/PUSH-PULL/tcp/PULL-binds/zeromqjs+libzmq", ids)
        self.assertIn("delivery.single/PUSH-PULL/tcp/PULL-binds", ids)
        pairs = [c for c in run.cases() if c["id"].endswith("/libzmq+zeromqjs")]
        self.assertTrue(all(c["implementations"] == ["libzmq", "zeromqjs"] for c in pairs))
        self.assertTrue(all(c["verdict"] == "pass" for c in run.cases()), run.explain())


if __name__ == "__main__":
    if not shutil.which("node") or not os.path.isdir(os.path.join(NODE_PATH, "zeromq")):
        print("skipped: node or the zeromq npm package (scripts/install-node-agents) is missing")
        sys.exit(77)
    unittest.main()
