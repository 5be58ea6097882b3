"""The ZAP handler operations (PROTOCOL.md, "ZAP handler"), checked the same way on every agent
that offers them: a mixin for a unittest.TestCase whose setUp opens `self.agent` (AgentSession).
Each check links a PLAIN client to a PLAIN server over tcp in one context and looks at what the
handler recorded and what the server did with its answer."""
import base64
import time

B64 = lambda text: base64.b64encode(text.encode()).decode()  # noqa: E731


class ZapHandlerChecks:
    # An agent whose binding has no zmq_msg_gets (zeromq.js) answers recv without `properties`, as
    # PROTOCOL.md allows: its admission and record are checked, not the message's metadata.
    READS_METADATA = True

    def plain_pair(self, answers, username="admin", domain="global"):
        ctx = self.agent.call("ctx_new")["ctx"]
        self.assertEqual(self.agent.call("zap_handler", ctx=ctx, answers=answers)["status"], "ok")
        server = self.agent.call("socket", ctx=ctx, type="PULL")["socket"]
        self.agent.call("setsockopt", socket=server, option="plain_server", value=True)
        self.agent.call("setsockopt", socket=server, option="zap_domain", value=domain)
        endpoint = self.agent.call("bind", socket=server, endpoint="tcp://127.0.0.1:*")["endpoint"]
        client = self.agent.call("socket", ctx=ctx, type="PUSH")["socket"]
        self.agent.call("setsockopt", socket=client, option="plain_username", value=username)
        self.agent.call("setsockopt", socket=client, option="plain_password", value="secret")
        self.agent.call("connect", socket=client, endpoint=endpoint)
        return ctx, server, client

    def test_an_admitted_client_has_the_answer_on_its_messages_and_the_request_is_recorded(self):
        ctx, server, client = self.plain_pair(
            [{"match": {"username": "admin"}, "status_code": "200", "user_id": "root",
              "metadata": {"X-Role": "operator"}}])
        self.agent.call("send", socket=client, frames=[B64("hi")])
        got = self.agent.call("recv", socket=server, timeout_ms=5000, properties=["User-Id", "X-Role"])
        self.assertEqual(got["frames"], [B64("hi")], got)
        if self.READS_METADATA:
            self.assertEqual(got["properties"], {"User-Id": "root", "X-Role": "operator"}, got)
        else:
            self.assertNotIn("properties", got)
        [request] = self.agent.call("zap_requests", ctx=ctx)["requests"]
        for field, value in {"frames": 8, "version": "1.0", "domain": "global", "address": "127.0.0.1",
                             "mechanism": "PLAIN", "username": "admin", "password": "secret",
                             "credentials": [B64("admin"), B64("secret")], "answered": "200"}.items():
            self.assertEqual(request[field], value, request)
        self.assertTrue(request["request_id"], request)

    def test_a_second_handler_in_one_context_is_refused(self):
        ctx = self.agent.call("ctx_new")["ctx"]
        self.assertEqual(self.agent.call("zap_handler", ctx=ctx, answers=[])["status"], "ok")
        self.assertEqual(self.agent.call("zap_handler", ctx=ctx, answers=[])["error"], "EADDRINUSE")

    def test_a_request_no_answer_fits_gets_500(self):
        ctx, _, _ = self.plain_pair([{"match": {"username": "someone else"}, "status_code": "200"}])
        release = self.agent.call("zap_release", ctx=ctx, timeout_ms=300)
        self.assertEqual(release["released"], 0, release)  # nothing was held
        # The record is made before the answer: poll it, for a bounded time.
        deadline = time.monotonic() + 5
        requests = []
        while not requests and time.monotonic() < deadline:
            requests = self.agent.call("zap_requests", ctx=ctx)["requests"]
        self.assertEqual(requests[0]["answered"], "500", requests)

    def test_a_held_answer_goes_out_at_release_and_a_silent_one_never(self):
        ctx, server, client = self.plain_pair([{"match": {"username": "admin"}, "status_code": "200", "hold": True}])
        self.agent.call("send", socket=client, frames=[B64("held")])
        self.assertEqual(self.agent.call("recv", socket=server, timeout_ms=200)["error"], "EAGAIN")
        self.assertEqual(self.agent.call("zap_release", ctx=ctx, timeout_ms=5000)["released"], 1)
        self.assertEqual(self.agent.call("recv", socket=server, timeout_ms=5000)["frames"], [B64("held")])

        ctx, server, client = self.plain_pair([{"status_code": "200", "silent": True}])
        self.agent.call("send", socket=client, frames=[B64("never")])
        self.assertEqual(self.agent.call("recv", socket=server, timeout_ms=300)["error"], "EAGAIN")
        [request] = self.agent.call("zap_requests", ctx=ctx)["requests"]
        self.assertIsNone(request["answered"], request)

    def test_a_bad_answer_list_is_a_bad_request(self):
        ctx = self.agent.call("ctx_new")["ctx"]
        reply = self.agent.call("zap_handler", ctx=ctx, answers=[{"match": {"colour": "blue"}}])
        self.assertEqual(reply["error"], "EBADREQUEST", reply)
