#!/usr/bin/python3
"""zconform's agent for pyzmq (harness/agents/PROTOCOL.md): JSON lines on stdin and stdout.

Run by /usr/bin/python3 with Debian's python3-zmq. Contexts and context operations live here,
sockets in socket_actor.py, option values in options.py, reply lines in replies.py."""
import base64
import ctypes
import json
import os
import sys
import threading

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import zmq  # noqa: E402
from zmq.utils import z85  # noqa: E402

from replies import AgentError, BadRequest, Unsupported, Writer  # noqa: E402
from socket_actor import SOCKET_OPS, SocketActor  # noqa: E402
import borrowed_ops  # noqa: E402
import options  # noqa: E402
from zap_handler import ZapHandler  # noqa: E402

PROTOCOL_VERSION = 2
SOCKET_TYPES = {name: getattr(zmq, name) for name in
                ["PAIR", "PUB", "SUB", "REQ", "REP", "DEALER", "ROUTER", "PULL", "PUSH", "XPUB", "XSUB", "STREAM"]}
CONTEXT_OPTIONS = {"io_threads": (zmq.IO_THREADS, int), "max_sockets": (zmq.MAX_SOCKETS, int),
                   "blocky": (zmq.BLOCKY, bool), "ipv6": (zmq.IPV6, bool)}
# pyzmq 24 has no Context.shutdown(); zmq_ctx_shutdown is called on the context pyzmq holds, in
# the libzmq pyzmq itself loaded.
_libzmq = ctypes.CDLL("libzmq.so.5")
_libzmq.zmq_ctx_shutdown.argtypes = [ctypes.c_void_p]


def _raise(error):
    raise error


def transports():
    found = ["tcp", "inproc"]
    for transport, names in [("ipc", ["ipc"]), ("pgm", ["pgm"]), ("epgm", ["pgm"]), ("tipc", ["tipc"]),
                             ("norm", ["norm"]), ("vmci", ["vmci"]), ("ws", ["ws", "WS"]), ("wss", ["wss", "WSS"])]:
        if any(zmq.has(n) for n in names):
            found.append(transport)
    return found


def z85_call(request):
    """z85_encode / z85_decode (PROTOCOL.md) through pyzmq's own Z85 codec (zmq.utils.z85, pure
    Python: not libzmq's). A length or character it refuses is EINVAL."""
    try:
        if request["op"] == "z85_encode":
            data = request.get("data")
            if not isinstance(data, str):
                raise BadRequest("field 'data' must be base64 text")
            return {"text": z85.encode(base64.b64decode(data, validate=True)).decode("ascii")}
        text = request.get("text")
        if not isinstance(text, str):
            raise BadRequest("field 'text' must be a string")
        return {"data": base64.b64encode(z85.decode(text.encode("latin-1"))).decode("ascii")}
    except (ValueError, KeyError, UnicodeError) as e:
        raise AgentError("EINVAL", f"zmq.utils.z85 refused it: {type(e).__name__} {e}")


def curve_keypair():
    public, secret = zmq.curve_keypair()
    return {"public": public.decode("ascii"), "secret": secret.decode("ascii")}


def curve_public(request):
    secret = request.get("secret")
    if not isinstance(secret, str):
        raise BadRequest("field 'secret' must be a string")
    return {"public": zmq.curve_public(secret.encode("latin-1")).decode("ascii")}


class Agent:
    def __init__(self, writer):
        self.out = writer
        self.contexts = {}
        self.sockets = {}
        self.next_context = 1
        self.next_socket = 1
        self.zap_handlers = {}  # by context handle, kept after the context ends for zap_requests

    def hello(self):
        return {"name": "pyzmq", "version": f"{zmq.__version__} (libzmq {zmq.zmq_version()})",
                "protocol": PROTOCOL_VERSION,
                "capabilities": {"socket_types": sorted(SOCKET_TYPES), "transports": transports(),
                                 "options": sorted(options.OPTIONS), "draft": bool(zmq.DRAFT_API)}}

    def context(self, request):
        handle = request.get("ctx")
        context = self.contexts.get(handle)  # one lookup: a ctx_term thread may drop it meanwhile
        if context is None:
            raise AgentError("EFAULT", f"no live context '{handle}'")
        return context

    def ctx_new(self, request):
        context = zmq.Context()
        given = request.get("options") or {}
        if not isinstance(given, dict):
            raise BadRequest("field 'options' must be an object")
        for name, value in given.items():
            if name not in CONTEXT_OPTIONS:
                raise Unsupported(f"context option '{name}' is not supported by the pyzmq agent")
            constant, kind = CONTEXT_OPTIONS[name]
            if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                raise AgentError("EINVAL", f"context option '{name}' takes {'true or false' if kind is bool else 'an integer'}")
            context.set(constant, int(value))
        handle = f"c{self.next_context}"
        self.next_context += 1
        self.contexts[handle] = context
        return {"ctx": handle}

    def ctx_shutdown(self, request):
        if _libzmq.zmq_ctx_shutdown(self.context(request).underlying) != 0:
            raise zmq.ZMQError(_libzmq.zmq_errno())
        return {}

    def ctx_term_in_background(self, request):
        context = self.context(request)
        handle = request["ctx"]

        def terminate():
            context.term()  # blocks while sockets stay open
            self.contexts.pop(handle, None)

        threading.Thread(target=self.out.reply, args=(request["id"], terminate), daemon=True).start()

    def open_socket(self, request):
        context = self.context(request)
        type_name = request.get("type")
        if type_name not in SOCKET_TYPES:
            raise Unsupported(f"socket type '{type_name}' is not supported by the pyzmq agent")
        handle = f"s{self.next_socket}"  # taken even if creation fails: handles are never reused
        self.next_socket += 1
        self.sockets[handle] = SocketActor(handle, context, SOCKET_TYPES[type_name], request["id"], self.out)

    def forward(self, request):
        actor = self.sockets.get(request.get("socket"))
        if actor is None or not actor.post(request):
            raise AgentError("ENOTSOCK", f"no open socket '{request.get('socket')}'")

    def zap_handler(self, request):
        handle = request.get("ctx")
        self.zap_handlers[handle] = ZapHandler(self.context(request), request.get("answers"))
        return {}

    def zap_requests(self, request):
        handler = self.zap_handlers.get(request.get("ctx"))
        return {"requests": handler.records() if handler else []}

    def dispatch(self, line):
        try:
            request = json.loads(line)
        except ValueError as e:
            sys.stderr.write(f"zconform-agent-pyzmq: ignoring a line that is not JSON: {e}\n")
            return
        request_id = request.get("id") if isinstance(request, dict) else None
        if not isinstance(request_id, int) or isinstance(request_id, bool) or request_id <= 0:
            sys.stderr.write("zconform-agent-pyzmq: ignoring a request without a positive integer id\n")
            return
        op = request.get("op")
        if not isinstance(op, str):
            self.out.line({"id": request_id, "status": "error", "error": "EBADREQUEST", "message": "field 'op' must be a string"})
            return
        if op == "hello":
            self.out.reply(request_id, self.hello)
        elif op == "ctx_new":
            self.out.reply(request_id, lambda: self.ctx_new(request))
        elif op == "ctx_shutdown":
            self.out.reply(request_id, lambda: self.ctx_shutdown(request))
        elif op in ("ctx_term", "socket") or op in SOCKET_OPS:
            # These answer later, from another thread; only a request refused at once is answered here.
            start = {"ctx_term": self.ctx_term_in_background, "socket": self.open_socket}.get(op, self.forward)
            try:
                start(request)
            except (AgentError, Unsupported, BadRequest, KeyError) as e:
                self.out.reply(request_id, lambda: _raise(e))
        elif op in ("z85_encode", "z85_decode"):
            self.out.reply(request_id, lambda: z85_call(request))
        elif op == "zap_handler":
            self.out.reply(request_id, lambda: self.zap_handler(request))
        elif op == "zap_release":
            # Waits for a held answer: on a thread of its own, like ctx_term.
            handler = self.zap_handlers.get(request.get("ctx"))
            if handler is None:
                self.out.reply(request_id, lambda: _raise(AgentError("EFAULT", "no ZAP handler in that context")))
            else:
                timeout = request.get("timeout_ms", 5000)
                threading.Thread(target=self.out.reply, daemon=True,
                                 args=(request_id, lambda: {"released": handler.release(timeout)})).start()
        elif op == "zap_requests":
            self.out.reply(request_id, lambda: self.zap_requests(request))
        elif op == "curve_keypair":
            self.out.reply(request_id, curve_keypair)
        elif op == "curve_public":
            self.out.reply(request_id, lambda: curve_public(request))
        elif op in ("poll", "proxy"):
            try:
                borrowed_ops.start(request, self.sockets, self.out)
            except (AgentError, BadRequest) as e:
                self.out.reply(request_id, lambda: _raise(e))
        elif op == "bye":
            self.out.line({"id": request_id, "status": "ok"})
            os._exit(0)
        else:
            self.out.line({"id": request_id, "status": "unsupported",
                           "reason": f"operation '{op}' is not supported by the pyzmq agent"})


def main():
    agent = Agent(Writer())
    for line in sys.stdin:
        if line.strip():
            agent.dispatch(line)
    # stdin closed: leave without waiting for threads blocked in libzmq.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
