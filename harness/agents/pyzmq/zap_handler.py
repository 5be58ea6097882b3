"""The ZAP handler a scenario asks for (PROTOCOL.md, "ZAP handler"; RFC 27): a ROUTER bound to
inproc://zeromq.zap.01 in one context, on a thread of its own, answering from the scenario's list
and recording every request before it answers. A ROUTER rather than a REP, so that a `silent`
answer leaves one request unanswered while later ones are still served. It ends when its context
is shut down or terminated (ETERM), closing its socket so that the context's term can return."""
import base64
import struct
import threading

import zmq
from zmq.utils import z85

from replies import BadRequest

MATCH_FIELDS = {"mechanism", "domain", "address", "username", "password", "client_key"}


def _text(answer, field, default):
    value = answer.get(field, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise BadRequest(f"answer field '{field}' is a string")
    return value


def _pairs(answer, field):
    value = answer.get(field) or {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise BadRequest(f"answer field '{field}' is an object of strings")
    return list(value.items())


def parse_answers(answers):
    if not isinstance(answers, list):
        raise BadRequest("field 'answers' is a list")
    parsed = []
    for given in answers:
        if not isinstance(given, dict):
            raise BadRequest("each answer is an object")
        match = _pairs(given, "match")
        unknown = [name for name, _ in match if name not in MATCH_FIELDS]
        if unknown:
            raise BadRequest(f"answer field 'match.{unknown[0]}' is not a request field")
        parsed.append({"match": match, "status_code": _text(given, "status_code", "200"),
                       "status_text": _text(given, "status_text", ""), "user_id": _text(given, "user_id", ""),
                       "metadata": _pairs(given, "metadata"), "silent": bool(given.get("silent", False)),
                       "hold": bool(given.get("hold", False)),
                       "version": given.get("version"), "request_id": given.get("request_id")})
    return parsed


def request_record(frames):
    record = {"frames": len(frames)}
    for i, name in enumerate(["version", "request_id", "domain", "address"]):
        if i < len(frames):
            record[name] = frames[i].decode("latin-1")
    if len(frames) > 4:
        record["routing_id"] = base64.b64encode(frames[4]).decode()
    if len(frames) > 5:
        record["mechanism"] = frames[5].decode("latin-1")
    record["credentials"] = [base64.b64encode(f).decode() for f in frames[6:]]
    mechanism = record.get("mechanism")
    if mechanism == "PLAIN" and len(frames) == 8:
        record["username"], record["password"] = frames[6].decode("latin-1"), frames[7].decode("latin-1")
    elif mechanism == "CURVE" and len(frames) == 7 and len(frames[6]) == 32:
        record["client_key"] = z85.encode(frames[6]).decode("ascii")
    return record


def _metadata(pairs):
    # ZMTP properties: name length (1 octet), name, value length (4 octets, network order), value.
    out = b""
    for name, value in pairs:
        name_bytes, value_bytes = name.encode(), value.encode()
        out += bytes([len(name_bytes)]) + name_bytes + struct.pack("!I", len(value_bytes)) + value_bytes
    return out


def reply_frames(answer, record):
    request_id = record.get("request_id", "")
    if answer is None:
        return [b"1.0", request_id.encode("latin-1"), b"500", b"zconform: no answer matched", b"", b""]
    return [(answer["version"] or "1.0").encode(), (answer["request_id"] or request_id).encode("latin-1"),
            answer["status_code"].encode(), answer["status_text"].encode(), answer["user_id"].encode(),
            _metadata(answer["metadata"])]


class ZapHandler:
    def __init__(self, context, answers):
        self.answers = parse_answers(answers)
        self.context = context
        self.requests = []
        self.held = []  # whole replies (`hold` answers), sent at release
        self.finished = False
        self.changed = threading.Condition()
        self.wakeup_endpoint = f"inproc://zconform-zap-release-{id(self)}"
        socket = context.socket(zmq.ROUTER)
        socket.linger = 0
        try:
            socket.bind("inproc://zeromq.zap.01")
        except zmq.ZMQError:
            socket.close()
            raise  # EADDRINUSE: the context has a handler already
        wakeup = context.socket(zmq.PULL)
        wakeup.linger = 0
        wakeup.bind(self.wakeup_endpoint)
        # The thread's start is the memory barrier libzmq needs when a socket changes threads.
        threading.Thread(target=self._serve, args=(socket, wakeup), daemon=True).start()

    def records(self):
        with self.changed:
            return list(self.requests)

    def release(self, timeout_ms):
        """Waits until an answer is held, then has the handler's thread (the only one that may use
        the ROUTER) send every held one. Returns how many."""
        with self.changed:
            if not self.changed.wait_for(lambda: self.held or self.finished, timeout_ms / 1000):
                return 0
            count = len(self.held)
        if count == 0:
            return 0
        poke = self.context.socket(zmq.PUSH)
        poke.linger = 0
        poke.connect(self.wakeup_endpoint)
        poke.send(b"release")
        poke.close()
        with self.changed:
            self.changed.wait_for(lambda: not self.held or self.finished, timeout_ms / 1000)
        return count

    def _choose(self, record):
        for answer in self.answers:
            if all(record.get(field) == wanted for field, wanted in answer["match"]):
                return answer
        return None

    def _serve(self, socket, wakeup):
        poller = zmq.Poller()
        poller.register(socket, zmq.POLLIN)
        poller.register(wakeup, zmq.POLLIN)
        try:
            while True:
                ready = dict(poller.poll())
                if wakeup in ready:
                    wakeup.recv()
                    with self.changed:
                        replies, self.held = self.held, []
                    for reply in replies:
                        socket.send_multipart(reply)
                    with self.changed:
                        self.changed.notify_all()
                if socket not in ready:
                    continue
                frames = socket.recv_multipart()
                if len(frames) < 2:
                    continue
                envelope, record = frames[:2], request_record(frames[2:])
                answer = self._choose(record)
                silent = answer is not None and answer["silent"]
                hold = answer is not None and answer["hold"]
                reply = envelope + reply_frames(answer, record)
                record["answered"] = None if silent else reply[4].decode()
                with self.changed:
                    self.requests.append(record)
                    if hold:
                        self.held.append(reply)
                        self.changed.notify_all()
                if not silent and not hold:
                    socket.send_multipart(reply)
        except zmq.ZMQError:
            pass  # ETERM: the context is ending
        finally:
            socket.close()
            wakeup.close()
            with self.changed:
                self.finished = True
                self.changed.notify_all()
