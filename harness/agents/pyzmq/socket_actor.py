"""One thread per socket: pyzmq sockets are not thread-safe, and requests on one socket run in
the order received while requests on different sockets run concurrently (PROTOCOL.md). A socket's
monitor events are read on a thread of their own."""
import base64
import binascii
import queue
import struct
import threading
import time

import zmq

import options
from replies import AgentError, BadRequest, Unsupported
from socket_loan import SocketLoan

SOCKET_OPS = {"close", "setsockopt", "getsockopt", "bind", "connect", "unbind", "disconnect", "send", "recv",
              "recv_into", "monitor"}

EVENT_NAMES = {
    zmq.EVENT_CONNECTED: "CONNECTED", zmq.EVENT_CONNECT_DELAYED: "CONNECT_DELAYED",
    zmq.EVENT_CONNECT_RETRIED: "CONNECT_RETRIED", zmq.EVENT_LISTENING: "LISTENING",
    zmq.EVENT_BIND_FAILED: "BIND_FAILED", zmq.EVENT_ACCEPTED: "ACCEPTED",
    zmq.EVENT_ACCEPT_FAILED: "ACCEPT_FAILED", zmq.EVENT_CLOSED: "CLOSED", zmq.EVENT_CLOSE_FAILED: "CLOSE_FAILED",
    zmq.EVENT_DISCONNECTED: "DISCONNECTED", zmq.EVENT_MONITOR_STOPPED: "MONITOR_STOPPED",
    zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL: "HANDSHAKE_FAILED_NO_DETAIL",
    zmq.EVENT_HANDSHAKE_SUCCEEDED: "HANDSHAKE_SUCCEEDED",
    zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL: "HANDSHAKE_FAILED_PROTOCOL",
    zmq.EVENT_HANDSHAKE_FAILED_AUTH: "HANDSHAKE_FAILED_AUTH",
}


def frames_from(args):
    frames = args["frames"]
    if not isinstance(frames, list) or not frames:
        raise BadRequest("field 'frames' must be a non-empty list")
    try:
        return [base64.b64decode(f, validate=True) for f in frames]
    except (binascii.Error, TypeError, ValueError) as e:
        raise BadRequest(f"a frame is not base64: {e}")


def timeout_of(args):
    """None: block (libzmq decides, SNDTIMEO/RCVTIMEO apply); else milliseconds to wait at most."""
    timeout = args.get("timeout_ms")
    if timeout is None or timeout < 0:
        return None
    return timeout


def with_wait(socket, readiness, timeout_ms, attempt):
    """attempt(flags) is tried without blocking first, so a socket in the wrong state reports its
    own error (EFSM) rather than looking merely not ready; then readiness is polled for until the
    deadline. A blocking wait lets libzmq block, so ctx_term can interrupt it with ETERM."""
    if timeout_ms is None:
        attempt(0)
        return
    deadline = time.monotonic() + timeout_ms / 1000.0
    while True:
        try:
            attempt(zmq.NOBLOCK)
            return
        except zmq.Again:
            left = deadline - time.monotonic()
            if left <= 0:
                raise
            socket.poll(max(1, int(left * 1000)), readiness)


def property_of(frame, name):
    """zmq_msg_gets through pyzmq's Frame.get; None where the message has no such property."""
    try:
        value = frame.get(name)
    except zmq.ZMQError:
        return None
    return value.decode() if isinstance(value, bytes) else value


class SocketActor:
    def __init__(self, handle, context, socket_type, open_request_id, writer):
        self.handle = handle
        self._context = context
        self._writer = writer
        self._requests = queue.Queue()
        self._socket = None
        self._monitor = None
        self._closed = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, args=(socket_type, open_request_id), daemon=True)
        self._thread.start()

    def post(self, request):
        with self._lock:
            if self._closed:
                return False
            self._requests.put(request)
            return True

    def lend(self, loan):
        """Queues a loan of the socket (socket_loan.py), served in turn; False once closed."""
        return self.post(loan)

    def _run(self, socket_type, open_request_id):
        self._writer.reply(open_request_id, lambda: self._open(socket_type))
        while self._socket is not None:
            request = self._requests.get()
            if isinstance(request, SocketLoan):
                request.lend(self._socket)
                continue
            self._writer.reply(request["id"], lambda: self._execute(request))
        with self._lock:
            self._closed = True
        while not self._requests.empty():
            request = self._requests.get()
            if isinstance(request, SocketLoan):
                request.refuse()
            else:
                self._writer.reply(request["id"], self._not_open)

    def _not_open(self):
        raise AgentError("ENOTSOCK", f"socket {self.handle} is closed")

    def _open(self, socket_type):
        self._socket = self._context.socket(socket_type)
        return {"socket": self.handle}

    def _execute(self, request):
        op, args, s = request["op"], request, self._socket
        if op == "close":
            return self._close()
        if op == "monitor":
            return self._start_monitor()
        if op == "setsockopt":
            options.set_option(s, args["option"], args["value"])
            return {}
        if op == "getsockopt":
            return {"value": options.get_option(s, args["option"])}
        if op == "bind":
            s.bind(args["endpoint"])
            return {"endpoint": s.getsockopt(zmq.LAST_ENDPOINT).rstrip(b"\0").decode()}
        if op in ("connect", "unbind", "disconnect"):
            getattr(s, op)(args["endpoint"])
            return {}
        if op == "send":
            self._send(frames_from(args), None if not args.get("dontwait") else 0, args)
            return {}
        if op == "recv":
            names = args.get("properties")
            if names is not None and (not isinstance(names, list) or not all(isinstance(n, str) for n in names)):
                raise BadRequest("field 'properties' must be a list of names")
            frames, first = self._recv(timeout_of(args), copy=names is None)
            reply = {"frames": [base64.b64encode(f).decode() for f in frames]}
            if names is not None:
                reply["properties"] = {name: property_of(first, name) for name in names}
            return reply
        if op == "recv_into":
            # zmq_recv into a buffer: pyzmq offers it as Socket.recv_into from pyzmq 26 on; this agent
            # runs on Debian's pyzmq 24, which has no such call, and maps none.
            raise Unsupported(f"pyzmq {zmq.pyzmq_version()} has no Socket.recv_into (zmq_recv into a "
                              "buffer: pyzmq 26 added it)")
        raise AgentError("EBADREQUEST", f"operation '{op}' is not a socket operation")

    def _send(self, frames, dontwait_timeout, args):
        timeout = dontwait_timeout if dontwait_timeout is not None else timeout_of(args)
        more = [zmq.SNDMORE if i + 1 < len(frames) else 0 for i in range(len(frames))]
        with_wait(self._socket, zmq.POLLOUT, timeout, lambda flags: self._socket.send(frames[0], flags | more[0]))
        # libzmq takes or refuses a message as a whole at its first frame: the rest never wait.
        for frame, flag in zip(frames[1:], more[1:]):
            self._socket.send(frame, flag)

    def _recv(self, timeout, copy=True):
        """The message's frames (bytes), and its first frame as received (a zmq.Frame when not
        copied: the one that carries the message's metadata)."""
        first = []
        with_wait(self._socket, zmq.POLLIN, timeout,
                  lambda flags: first.append(self._socket.recv(flags, copy=copy)))
        frames = [first[0] if copy else first[0].bytes]
        while self._socket.getsockopt(zmq.RCVMORE):
            frames.append(self._socket.recv())
        return frames, first[0]

    def _close(self):
        # The monitor first: once the socket is closed libzmq no longer reports MONITOR_STOPPED.
        if self._monitor is not None:
            try:
                self._socket.monitor(None, 0)
            except zmq.ZMQError:
                pass
            self._monitor.join(timeout=5)
            self._monitor = None
        self._socket.close()
        self._socket = None
        return {}

    def _start_monitor(self):
        if self._monitor is None:  # a second request keeps the running monitor
            endpoint = f"inproc://zconform-monitor-{self.handle}"
            self._socket.monitor(endpoint, zmq.EVENT_ALL)
            events = self._context.socket(zmq.PAIR)
            events.connect(endpoint)
            self._monitor = threading.Thread(target=self._read_events, args=(events,), daemon=True)
            self._monitor.start()
        return {}

    def _read_events(self, events):
        try:
            while True:
                header, endpoint = events.recv_multipart()
                event, value = struct.unpack("=HI", header[:6])
                self._writer.event(event="monitor", socket=self.handle, name=EVENT_NAMES.get(event, f"EVENT_{event}"),
                                   value=value, endpoint=endpoint.decode(errors="replace"))
                if event == zmq.EVENT_MONITOR_STOPPED:
                    break
        except zmq.ZMQError:
            pass  # ETERM: the context is terminating
        finally:
            events.close(linger=0)
