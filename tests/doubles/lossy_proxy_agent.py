#!/usr/bin/python3
"""A test double for a broken proxy: the pyzmq agent, except that its `proxy` forwards only the
first frame of every message, so the proxy scenarios must fail it (issue 15's must-fail test)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../harness/agents/pyzmq"))

import zmq  # noqa: E402

import agent  # noqa: E402
import borrowed_ops  # noqa: E402


def first_frame_only_proxy(request, sockets):
    frontend, backend = sockets[request["frontend"]], sockets[request["backend"]]
    poller = zmq.Poller()
    poller.register(frontend, zmq.POLLIN)
    poller.register(backend, zmq.POLLIN)
    while True:  # ends with ETERM (a ZMQError) when the context is shut down
        for socket, _ in poller.poll():
            frames = socket.recv_multipart()
            other = backend if socket is frontend else frontend
            other.send(frames[0])


borrowed_ops.run_proxy = first_frame_only_proxy
agent.main()
