#!/usr/bin/python3
"""A test double for an agent that breaks mid-case, so the driver's handling of it can be tested.

Usage: misbehaving_agent.py MODE OP
  MODE: honest (never misbehaves: a well-formed agent whose recv always yields "hello"),
        crash (SIGSEGV itself), hang (stop answering; ignores SIGTERM; keeps a child alive),
        garbage (print a line that is not JSON), exit (exit with status 3), wrong-id (answer a
        request that was never sent)
  OP:   the protocol op at which to misbehave, e.g. send; ops before it get plausible answers.
If ZCONFORM_TEST_PIDFILE is set, the double appends its pid and its child's pid there, so a test
can check that no process is left behind.
"""
import base64
import json
import os
import signal
import subprocess
import sys
import threading

mode, bad_op = sys.argv[1], sys.argv[2]
child = None
pidfile = os.environ.get("ZCONFORM_TEST_PIDFILE")
if pidfile:
    # A grandchild that would outlive a careless kill of the agent alone: it reads a pipe that
    # never gets data.
    child = subprocess.Popen(["/usr/bin/python3", "-c", "import sys; sys.stdin.read()"],
                             stdin=subprocess.PIPE)
    with open(pidfile, "a") as f:
        f.write(f"{os.getpid()} {child.pid}\n")

counter = 0


def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def misbehave(request):
    if mode == "crash":
        sys.stderr.write("double: crashing on purpose\n")
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGSEGV)
    elif mode == "hang":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        sys.stderr.write("double: hanging on purpose\n")
        sys.stderr.flush()
        threading.Event().wait()  # forever, without busy waiting
    elif mode == "garbage":
        sys.stdout.write("this is not json at all\n")
        sys.stdout.flush()
    elif mode == "exit":
        sys.exit(3)
    elif mode == "wrong-id":
        reply({"id": request["id"] + 1000, "status": "ok"})


for line in sys.stdin:
    request = json.loads(line)
    op = request["op"]
    if op == bad_op:
        misbehave(request)
        continue
    counter += 1
    if op == "hello":
        reply({"id": request["id"], "status": "ok", "name": "misbehaving", "version": "0", "protocol": 1,
               "capabilities": {"socket_types": ["PUSH", "PULL", "REQ", "REP"],
                                "transports": ["tcp", "ipc", "inproc"], "options": ["linger"]}})
    elif op == "ctx_new":
        reply({"id": request["id"], "status": "ok", "ctx": f"c{counter}"})
    elif op == "socket":
        reply({"id": request["id"], "status": "ok", "socket": f"s{counter}"})
    elif op == "bind":
        reply({"id": request["id"], "status": "ok", "endpoint": request["endpoint"]})
    elif op == "recv":
        reply({"id": request["id"], "status": "ok", "frames": [base64.b64encode(b"hello").decode()]})
    elif op == "bye":
        reply({"id": request["id"], "status": "ok"})
        break
    else:
        reply({"id": request["id"], "status": "ok"})
