"""Helpers shared by the end-to-end tests: run zconform into a private report directory and
read what it wrote. Paths come from the environment ctest sets (see tests/CMakeLists.txt)."""
import json
import os
import subprocess
import tempfile

ZCONFORM = os.environ["ZCONFORM"]
SOURCE_DIR = os.environ["ZCONFORM_SOURCE_DIR"]


class Run:
    def __init__(self, *args, timeout=300, env=None):
        self.out = tempfile.mkdtemp(prefix="zconform-e2e-")
        cmd = [ZCONFORM, "run", "--quiet", "--out", self.out, *args]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, **(env or {})})
        self.code, self.stdout, self.stderr = proc.returncode, proc.stdout, proc.stderr
        path = os.path.join(self.out, "latest", "report.json")
        self.report = json.load(open(path)) if os.path.exists(path) else None

    def cases(self):
        return self.report["cases"]

    def explain(self):
        return f"exit {self.code}\nstdout:\n{self.stdout[-4000:]}\nstderr:\n{self.stderr[-4000:]}"


def list_ids(*args):
    proc = subprocess.run([ZCONFORM, "list", *args], capture_output=True, text=True, check=True)
    return proc.stdout.split()
