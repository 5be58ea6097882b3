"""What every agent must answer to broken input (harness/agents/PROTOCOL.md), as a mixin for each
agent's test class, whose setUp starts `self.agent` (an AgentSession)."""


class ProtocolBasics:
    def test_unknown_op_is_unsupported(self):
        reply = self.agent.call("teleport")
        self.assertEqual(reply["status"], "unsupported")
        self.assertIn("teleport", reply["reason"])

    def test_bad_frame_encoding_is_a_bad_request(self):
        ctx = self.agent.call("ctx_new")["ctx"]
        socket = self.agent.call("socket", ctx=ctx, type="PUSH")["socket"]
        reply = self.agent.call("send", socket=socket, frames=["not base64!"])
        self.assertEqual((reply["status"], reply["error"]), ("error", "EBADREQUEST"))
        self.assertEqual(self.agent.call("close", socket=socket)["status"], "ok")

    def test_unknown_handles_name_their_errno(self):
        self.assertEqual(self.agent.call("recv", socket="s999", timeout_ms=0)["error"], "ENOTSOCK")
        self.assertEqual(self.agent.call("socket", ctx="c999", type="PUSH")["error"], "EFAULT")
