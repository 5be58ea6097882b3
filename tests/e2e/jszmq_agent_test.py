#!/usr/bin/python3
"""The jszmq agent (harness/agents/jszmq): the protocol's broken-input paths answered as
PROTOCOL.md says, what jszmq cannot do answered `unsupported`, its binds kept on loopback, its
sockets carrying messages at volume, and smoke runs of the suite alone and against zeromq.js over
ws. Skipped (exit 77) when node or the npm package (scripts/install-node-agents) is missing."""
import os
import shutil
import socket
import sys
import unittest

from agent_protocol_checks import ProtocolBasics
from agent_session import AgentSession
from zconform_e2e import SOURCE_DIR, ZCONFORM, Run

AGENT = os.path.join(SOURCE_DIR, "harness", "agents", "jszmq", "agent.js")
NODE_PATH = os.path.join(os.path.dirname(ZCONFORM), "agents", "node", "node_modules")


def start():
    return AgentSession(["node", AGENT], env={"NODE_PATH": NODE_PATH})


def b64(text):
    import base64
    return base64.b64encode(text.encode()).decode()


class Agent(ProtocolBasics, unittest.TestCase):
    def setUp(self):
        self.agent = start()
        self.addCleanup(self.agent.close)
        self.ctx = self.agent.call("ctx_new")["ctx"]

    def socket(self, kind):
        return self.agent.call("socket", ctx=self.ctx, type=kind)["socket"]

    def linked(self, server_kind, client_kind):
        server, client = self.socket(server_kind), self.socket(client_kind)
        endpoint = self.agent.call("bind", socket=server, endpoint="ws://127.0.0.1:*")["endpoint"]
        self.assertRegex(endpoint, r"^ws://127\.0\.0\.1:\d+$")
        self.assertEqual(self.agent.call("connect", socket=client, endpoint=endpoint)["status"], "ok")
        return server, client, endpoint

    def test_hello_says_ws_only_and_no_events(self):
        hello = self.agent.call("hello")
        self.assertEqual((hello["name"], hello["version"]), ("jszmq", "0.1.2"))
        self.assertEqual(hello["capabilities"]["transports"], ["ws"])
        self.assertEqual(hello["capabilities"]["monitor_events"], [])

    def test_a_thousand_messages_arrive_whole_and_in_order(self):
        pull, push, _ = self.linked("PULL", "PUSH")
        for n in range(1000):
            self.assertEqual(self.agent.call("send", socket=push, frames=[b64(f"m-{n}"), b64("tail")])["status"], "ok")
        for n in range(1000):
            reply = self.agent.call("recv", socket=pull, timeout_ms=5000)
            self.assertEqual(reply.get("frames"), [b64(f"m-{n}"), b64("tail")], reply)

    def test_a_bind_listens_on_the_loopback_address_it_names_only(self):
        _, _, endpoint = self.linked("PULL", "PUSH")
        port = int(endpoint.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
        with self.assertRaises(OSError):  # jszmq's own server would listen on every address
            socket.create_connection(("127.0.0.2", port), timeout=5).close()

    def test_a_second_bind_to_a_port_in_use_is_eaddrinuse(self):
        _, _, endpoint = self.linked("PULL", "PUSH")
        reply = self.agent.call("bind", socket=self.socket("PULL"), endpoint=endpoint)
        self.assertEqual(reply.get("error"), "EADDRINUSE", reply)

    def test_out_of_turn_calls_on_req(self):
        rep, req, _ = self.linked("REP", "REQ")
        self.assertEqual(self.agent.call("recv", socket=req, timeout_ms=0)["status"], "unsupported")
        self.assertEqual(self.agent.call("send", socket=req, frames=[b64("q")])["status"], "ok")
        self.assertEqual(self.agent.call("send", socket=req, frames=[b64("q2")])["error"], "EFSM")
        self.assertEqual(self.agent.call("recv", socket=rep, timeout_ms=5000)["frames"], [b64("q")])
        self.assertEqual(self.agent.call("send", socket=rep, frames=[b64("a")])["status"], "ok")
        self.assertEqual(self.agent.call("recv", socket=req, timeout_ms=5000)["frames"], [b64("a")])

    def test_a_refused_connect_does_not_end_the_agent(self):
        # jszmq sets no error handler on its WebSocket: unhandled, ECONNREFUSED ends a Node process.
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        push = self.socket("PUSH")
        self.assertEqual(self.agent.call("connect", socket=push, endpoint=f"ws://127.0.0.1:{port}")["status"], "ok")
        self.assertEqual(self.agent.call("send", socket=push, frames=[b64("x")])["status"], "ok")
        self.assertEqual(self.agent.call("hello")["name"], "jszmq")
        self.assertIsNone(self.agent.proc.poll())

    def test_what_jszmq_lacks_is_unsupported_not_an_error(self):
        push = self.socket("PUSH")
        self.assertEqual(self.agent.call("recv", socket=push, timeout_ms=0)["status"], "unsupported")
        self.assertEqual(self.agent.call("setsockopt", socket=push, option="sndhwm", value=5)["status"], "unsupported")
        self.assertEqual(self.agent.call("bind", socket=push, endpoint="tcp://127.0.0.1:*")["error"], "EPROTONOSUPPORT")
        self.assertEqual(self.agent.call("ctx_term", ctx=self.ctx)["status"], "unsupported")

    def test_security_is_unsupported_with_the_reason(self):
        # jszmq has the NULL mechanism only: each answer says so, none is an error.
        push = self.socket("PUSH")
        for option, value in (("plain_server", True), ("curve_secretkey", b64("k")), ("zap_domain", "global")):
            reply = self.agent.call("setsockopt", socket=push, option=option, value=value)
            self.assertEqual(reply["status"], "unsupported", reply)
            self.assertIn("NULL mechanism only", reply["reason"])
        for op, args in (("zap_handler", {"ctx": self.ctx, "answers": []}), ("zap_release", {"ctx": self.ctx}),
                         ("zap_requests", {"ctx": self.ctx}), ("curve_keypair", {}), ("curve_public", {"secret": ""})):
            reply = self.agent.call(op, **args)
            self.assertEqual(reply["status"], "unsupported", reply)
            self.assertIn("jszmq 0.1.2", reply["reason"])

    def test_options_read_back_what_was_set(self):
        dealer = self.socket("DEALER")
        self.assertEqual(self.agent.call("setsockopt", socket=dealer, option="routing_id", value=b64("me"))["status"], "ok")
        self.assertEqual(self.agent.call("getsockopt", socket=dealer, option="routing_id")["value"], b64("me"))
        self.assertEqual(self.agent.call("getsockopt", socket=dealer, option="type")["value"], 5)


class SmokeRuns(unittest.TestCase):
    def test_jszmq_alone(self):
        run = Run("--impl", "jszmq", "--filter", "delivery.multipart/*")
        self.assertEqual(run.code, 0, run.explain())
        verdicts = [c["verdict"] for c in run.cases()]
        self.assertNotIn("error", verdicts, run.explain())
        self.assertGreaterEqual(verdicts.count("pass"), 8, run.explain())
        tcp = [c for c in run.cases() if "/tcp/" in c["id"]]
        self.assertTrue(tcp and all(c["verdict"] == "unsupported" for c in tcp), run.explain())
        self.assertTrue(all("does not offer tcp" in c["actual"] for c in tcp), run.explain())

    def test_jszmq_and_zeromqjs_over_ws(self):
        run = Run("--impl", "jszmq", "--impl", "zeromqjs", "--filter", "delivery.single/PUSH-PULL/ws/*")
        self.assertEqual(run.code, 0, run.explain())
        by_id = {c["id"]: c for c in run.cases()}
        # Neither end of a jszmq link reports its handshake: a probe proves it.
        connecting = by_id["delivery.single/PUSH-PULL/ws/PULL-binds/jszmq+zeromqjs"]
        self.assertEqual(connecting["verdict"], "pass", run.explain())
        self.assertIn("1 probe(s)", str(connecting["observations"]), run.explain())
        self.assertEqual(by_id["delivery.single/PUSH-PULL/ws/PUSH-binds/zeromqjs+jszmq"]["verdict"], "pass")
        # jszmq bound, libzmq connecting: the handshake fails at once (TR-05, baselined), and the
        # case says so as soon as zeromq.js reports it, not at the deadline.
        for bound in ("PUSH-binds/jszmq+zeromqjs", "PULL-binds/zeromqjs+jszmq"):
            c = by_id["delivery.single/PUSH-PULL/ws/" + bound]
            self.assertEqual((c["verdict"], c["baseline"]["clause"]), ("fail", "TR-05"), run.explain())
            self.assertIn("HANDSHAKE_FAILED_PROTOCOL", c["actual"], run.explain())
            self.assertLess(c["duration_ms"], 4000, run.explain())

if __name__ == "__main__":
    if not shutil.which("node") or not os.path.isdir(os.path.join(NODE_PATH, "jszmq")):
        print("skipped: node or the jszmq npm package (scripts/install-node-agents) is missing")
        sys.exit(77)
    unittest.main()
