"""One agent as a subprocess, spoken to line by line (harness/agents/PROTOCOL.md), for the tests
of each agent's broken-input paths. Replies may come in any order: early ones are kept."""
import json
import os
import subprocess


class AgentSession:
    def __init__(self, argv, env=None):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     env={**os.environ, **(env or {})})
        self.next_id = 1
        self.early = {}

    def raw(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def send(self, op, **args):
        request_id = self.next_id
        self.next_id += 1
        self.raw(json.dumps({"id": request_id, "op": op, **args}))
        return request_id

    def call(self, op, **args):
        return self.reply(self.send(op, **args))

    def reply(self, request_id):
        while request_id not in self.early:
            line = self.proc.stdout.readline()
            if not line:
                raise AssertionError(f"the agent closed stdout before replying to {request_id}")
            reply = json.loads(line)
            if "id" in reply:
                self.early[reply["id"]] = reply
        return self.early.pop(request_id)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=10)
