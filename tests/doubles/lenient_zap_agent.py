#!/usr/bin/python3
"""A test double for a server that lets refused clients in: the pyzmq agent, except that its ZAP
handler reports the scenario's answer but sends 200 OK whatever the answer said, so the server
admits every client. The refusal scenarios must fail it (issue 16's must-fail test)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../harness/agents/pyzmq"))

import agent  # noqa: E402
import zap_handler  # noqa: E402

_honest_reply = zap_handler.reply_frames


def always_admitting_reply(answer, record):
    frames = _honest_reply(answer, record)
    frames[2] = b"200"  # the status code frame
    return frames


zap_handler.reply_frames = always_admitting_reply
agent.main()
