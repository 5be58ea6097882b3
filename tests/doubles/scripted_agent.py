#!/usr/bin/python3
"""A fake agent whose answers a test scripts: step types are tested through it without libzmq.

Usage: scripted_agent.py SCRIPT_JSON
  SCRIPT_JSON: {"replies": {OP: [ANSWER, ...]}, "events": [{"after": OP, "delay_ms": N, "name": EVENT}]}
  ANSWER: a reply's fields ({"status": "error", "error": "EAGAIN"}, {"status": "ok", "frames": [...]}),
          or "hold" (no answer until the context is shut down or terminated: then ETERM).
          The answers of an op are used in turn; the last one repeats.
  events: after the first request of op OP is answered, the monitor event EVENT is sent, on every
          socket, delay_ms later.
  "echo": true: a message whose send succeeds is what the next unscripted recv (on any socket)
          returns, in order; "drop_sent": [k, ...] loses the k-th of them (from 0) on the way.
  "monitor_events": [NAME, ...]: the hello capability of that name (absent: not stated).
  "connect_events": [NAME, ...]: what connect makes every socket report (HANDSHAKE_SUCCEEDED).
Unscripted ops get plausible answers: hello offers every socket type and transport, sockets and
contexts get fresh handles, bind resolves to a made-up endpoint, connect makes every socket report
its connect_events, recv answers EAGAIN, getsockopt answers 0, anything else ok.
Frames in scripts are plain text; the double base64-encodes them.
"""
import base64
import json
import select
import sys
import time

script = (json.loads(sys.argv[1]) if len(sys.argv) > 1 else None) or {}
scripted = {op: list(answers) for op, answers in (script.get("replies") or {}).items()}
pending_events = list(script.get("events") or [])
timers = []  # (when, event line)
held = []  # requests answered at ctx_shutdown / ctx_term
echo = bool(script.get("echo"))
dropped = set(script.get("drop_sent") or [])
echoed = []  # base64 frames of the messages sent, waiting for a recv
sent = 0
sockets = []
counter = 0


def write(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def next_answer(op):
    answers = scripted.get(op)
    if not answers:
        return None
    return answers.pop(0) if len(answers) > 1 else answers[0]


def default_answer(request):
    global counter
    op = request["op"]
    if op == "hello":
        capabilities = {"socket_types": ["PAIR", "PUB", "SUB", "REQ", "REP", "DEALER", "ROUTER", "PULL",
                                         "PUSH", "XPUB", "XSUB", "STREAM"],
                        "transports": ["tcp", "ipc", "inproc", "ws"], "options": [], "draft": False}
        if "monitor_events" in script:
            capabilities["monitor_events"] = script["monitor_events"]
        return {"status": "ok", "name": "scripted", "version": "0", "protocol": 1, "capabilities": capabilities}
    if op in ("ctx_new", "socket"):
        counter += 1
        handle = ("c" if op == "ctx_new" else "s") + str(counter)
        if op == "socket":
            sockets.append(handle)
        return {"status": "ok", ("ctx" if op == "ctx_new" else "socket"): handle}
    if op == "bind":
        return {"status": "ok", "endpoint": "tcp://127.0.0.1:5999"}
    if op == "connect":
        for s in sockets:
            for name in script.get("connect_events", ["HANDSHAKE_SUCCEEDED"]):
                write({"event": "monitor", "socket": s, "name": name, "value": 0, "endpoint": ""})
        return {"status": "ok"}
    if op == "recv":
        return {"status": "error", "error": "EAGAIN", "message": "scripted"}
    if op == "getsockopt":
        return {"status": "ok", "value": 0}
    return {"status": "ok"}


def answer(request):
    global sent
    op = request["op"]
    reply = next_answer(op)
    if op in ("ctx_shutdown", "ctx_term") and not (isinstance(reply, dict) and reply.get("status") == "unsupported"):
        for h in held:
            write({"id": h["id"], "status": "error", "error": "ETERM", "message": "scripted"})
        held.clear()
    if reply == "hold":
        held.append(request)
        return
    if reply is None and op == "recv" and echoed:
        reply = {"status": "ok", "frames": echoed.pop(0)}  # already base64
    elif reply is None:
        reply = default_answer(request)
    else:
        reply = dict(reply)
        if "frames" in reply:
            reply["frames"] = [base64.b64encode(f.encode()).decode() for f in reply["frames"]]
    reply["id"] = request["id"]
    write(reply)
    if echo and op == "send" and reply["status"] == "ok":
        if sent not in dropped:
            echoed.append(request["frames"])
        sent += 1
    for e in [e for e in pending_events if e["after"] == op]:
        pending_events.remove(e)
        timers.append((time.monotonic() + e["delay_ms"] / 1000.0, e["name"]))


def fire_due_timers():
    now = time.monotonic()
    for when, name in [t for t in timers if t[0] <= now]:
        timers.remove((when, name))
        for s in sockets:
            write({"event": "monitor", "socket": s, "name": name, "value": 0, "endpoint": ""})


buffer = b""
while True:
    timeout = max(0.0, min(t[0] for t in timers) - time.monotonic()) if timers else None
    ready, _, _ = select.select([sys.stdin.buffer.raw], [], [], timeout)
    fire_due_timers()
    if not ready:
        continue
    chunk = sys.stdin.buffer.raw.read(65536)
    if not chunk:
        break
    buffer += chunk
    while b"\n" in buffer:
        line, buffer = buffer.split(b"\n", 1)
        request = json.loads(line)
        if request["op"] == "bye":
            write({"id": request["id"], "status": "ok"})
            sys.exit(0)
        answer(request)
