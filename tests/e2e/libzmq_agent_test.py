#!/usr/bin/python3
"""The libzmq agent (harness/agents/libzmq) spoken to directly: its ZAP handler operations
(PROTOCOL.md, "ZAP handler"), which the security scenarios build on."""
import os
import unittest

from agent_session import AgentSession
from zap_handler_checks import ZapHandlerChecks

AGENT = os.path.join(os.path.dirname(os.environ["ZCONFORM"]), "agents", "zconform-agent-libzmq")


class ZapHandler(ZapHandlerChecks, unittest.TestCase):
    def setUp(self):
        self.agent = AgentSession([AGENT])
        self.addCleanup(self.agent.close)


if __name__ == "__main__":
    unittest.main()
