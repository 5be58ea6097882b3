#!/usr/bin/python3
"""zconform against libzmq, end to end: the whole suite runs, every case passes or is accounted
for (unsupported with a reason, or a known failure in conformance/baselines/libzmq.yaml), and the
reports are complete and valid."""
import json
import os
import re
import subprocess
import unittest
import xml.etree.ElementTree as ET

import jsonschema

from agent_session import AgentSession
from zconform_e2e import SOURCE_DIR, ZCONFORM, Run, list_ids

ALL_PAIRINGS = {"PUB-SUB", "PUB-XSUB", "XPUB-SUB", "XPUB-XSUB", "REQ-REP", "REQ-ROUTER", "DEALER-REP",
                "DEALER-ROUTER", "DEALER-DEALER", "ROUTER-ROUTER", "PUSH-PULL", "PAIR-PAIR"}


class DraftApi(unittest.TestCase):
    """The C++ agent offers draft types only from a libzmq with the draft API: Debian's 4.3.4
    creates a CLIENT socket, then aborts at its first handshake (mechanism.cpp:118)."""
    def setUp(self):
        agent = os.path.join(os.path.dirname(ZCONFORM), "agents", "zconform-agent-libzmq")
        self.agent = AgentSession([agent])
        self.addCleanup(self.agent.close)

    def test_without_the_draft_api_there_is_no_draft_type_nor_property(self):
        hello = self.agent.call("hello")
        self.assertEqual(hello["protocol"], 2)
        if hello["capabilities"]["draft"]:
            self.skipTest("this libzmq has the draft API")
        self.assertNotIn("CLIENT", hello["capabilities"]["socket_types"])
        ctx = self.agent.call("ctx_new")["ctx"]
        pull = self.agent.call("socket", ctx=ctx, type="PULL")["socket"]
        self.assertEqual(self.agent.call("join", socket=pull, group="g")["status"], "unsupported")
        push = self.agent.call("socket", ctx=ctx, type="PUSH")["socket"]
        self.agent.call("bind", socket=pull, endpoint="inproc://draft-api")
        self.agent.call("connect", socket=push, endpoint="inproc://draft-api")
        self.assertEqual(self.agent.call("send", socket=push, frames=["eA=="], routing_id=5)["status"],
                         "unsupported")


class LibzmqRun(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # The whole suite, two cases at once as scripts/conform plays them on this machine (verdicts
        # do not depend on --jobs: scripts/bench jobs checks it), with room for a slow runner.
        cls.result = Run("--impl", "libzmq", "--jobs", "2", timeout=900)

    def test_exit_code_says_no_regression(self):
        self.assertEqual(self.result.code, 0, self.result.explain())

    def test_every_listed_case_ran_and_is_accounted_for(self):
        ids = [c["id"] for c in self.result.cases()]
        self.assertEqual(ids, list_ids())
        self.assertGreaterEqual(len(ids), 300)
        for c in self.result.cases():
            if c["verdict"] == "pass":
                self.assertNotIn("baseline", c, c["id"])  # a pass the baseline expects to fail is reported
            elif c["verdict"] in ("unsupported", "informational"):
                self.assertTrue(c["actual"], c["id"])  # not failures: what was observed, or why not run
            else:
                self.assertEqual(c.get("baseline", {}).get("status"), "known", (c["id"], c["verdict"], c.get("actual")))

    def test_every_pairing_passes_on_every_transport(self):
        passed = {(c["pairing"], c["transport"]) for c in self.result.cases() if c["verdict"] == "pass"}
        for pairing in ALL_PAIRINGS:
            for transport in ("tcp", "ipc", "inproc", "ws"):
                self.assertIn((pairing, transport), passed)

    def test_transports_the_harness_cannot_run_are_unsupported_not_failed(self):
        tipc = [c for c in self.result.cases() if c["transport"] == "tipc"]
        self.assertTrue(tipc)
        for c in tipc:
            self.assertEqual(c["verdict"], "unsupported", c["id"])
            self.assertIn("tipc", c["actual"])

    # What CLAUSES.md's notes say of libzmq, as verdicts of wire cases (issue 5).
    WIRE_VERDICTS = {
        "wire.greeting.iut-sends": "pass",                     # GREET-01
        "wire.greeting.mechanism-plain": "pass",               # GREET-08: closed
        "wire.greeting.sent-whole": "informational",           # GREET-03: L stages its greeting
        "wire.greeting.legacy-2-0": "pass",                    # GREET-06: downgrades
        "wire.framing.reserved-bits": "informational",         # FRAME-01: receivers not bound
        "wire.framing.maxmsgsize-exceeded": "pass",            # FRAME-07
        "wire.null.empty-property-name": "fail",               # NULL-06: L accepts
        "wire.null.property-name-case": "fail",                # NULL-05: L matches exact case
        "wire.types.invalid-socket-type": "non-strict",        # TYPE-02: close without ERROR
        "wire.subscription.subscriptions-add-up": "fail",      # SUB31-02: one CANCEL removes
        "wire.heartbeat.ping-pong": "pass",                    # HB-01
        "wire.reqrep.req-delimiter": "pass",                   # REQ-02
        "wire.zws.sub-subscribes-by-message": "pass",          # X-ZWS-SUB-01 (RFC 45)
        "wire.zws.pong-echoes-ping": "fail",                   # X-ZWS-PONG-01: L's pong is empty
    }

    def test_wire_cases_run_over_tcp_ipc_and_ws_with_a_transcript_each(self):
        wire = [c for c in self.result.cases() if c["id"].startswith("wire.")]
        self.assertGreaterEqual(len(wire), 60)
        self.assertEqual({c["transport"] for c in wire}, {"tcp", "ipc", "ws"})
        # Over ws the upgrade stands in for the greeting (ZWS 2.0), both ways round.
        for c in wire:
            if c["transport"] == "ws" and c["verdict"] == "pass":
                self.assertTrue(any("upgrade" in line for line in c["wire_transcript"]), c["id"])
        for c in wire:
            lines = c.get("wire_transcript", [])
            # Octets one way or both (an IUT may close before its greeting is read), and notes.
            # Over ws a server speaks second, so a raw client that stays silent sees no octets.
            silent_ws_client = c["scenario"] == "wire.greeting.handshake-timeout-silent" and c[
                "id"].endswith("/ws/iut-binds")
            if not silent_ws_client:
                self.assertTrue(any(line.startswith(("> @", "< @")) for line in lines), c["id"])
            self.assertTrue(any(line.startswith("# ") for line in lines), c["id"])

    def test_wire_verdicts_agree_with_the_clause_notes_on_libzmq(self):
        seen = set()
        for c in self.result.cases():
            expected = self.WIRE_VERDICTS.get(c["scenario"])
            if expected:
                seen.add(c["scenario"])
                self.assertEqual(c["verdict"], expected, (c["id"], c.get("actual")))
        self.assertEqual(seen, set(self.WIRE_VERDICTS))

    def test_report_matches_its_schema(self):
        schema = json.load(open(os.path.join(SOURCE_DIR, "harness/report/report.schema.json")))
        jsonschema.validate(self.result.report, schema)
        summary = self.result.report["summary"]
        self.assertEqual(summary["unexpected_passes"], 0)
        self.assertEqual(summary["known_failures"], summary["fail"] + summary["non-strict"])

    def test_implementation_version_comes_from_the_agent(self):
        impl = self.result.report["implementations"][0]
        self.assertEqual(impl["name"], "libzmq")
        self.assertRegex(impl["version"], r"^4\.\d+\.\d+$")

    def test_handshakes_are_recorded_for_tcp_cases(self):
        tcp = [c for c in self.result.cases() if c["transport"] == "tcp" and c["scenario"].startswith("delivery.")
               and c["verdict"] == "pass"]
        self.assertTrue(tcp)
        for case in tcp:
            events = [e["event"] for e in case["monitor_events"]]
            self.assertGreaterEqual(events.count("HANDSHAKE_SUCCEEDED"), 2, case["id"])

    def test_every_case_on_tcp_or_ipc_records_its_monitor_events(self):
        # MON-01: a failure shows the connect/handshake history. The exceptions: scenarios with
        # `monitors: false` (the plain API, errors.*) and those that never bind or connect.
        never_connect = {"context.term-unblocks-send", "hwm.timeouts", "dealer.no-peer"}
        # monitors: false because monitor sockets would count against the context's MAX_SOCKETS
        unmonitored = {"options.context-max-sockets"}
        cases = [c for c in self.result.cases() if c["transport"] in ("tcp", "ipc") and c["verdict"] != "unsupported"
                 and not c["scenario"].startswith("errors.") and c["scenario"] not in never_connect | unmonitored]
        self.assertGreater(len(cases), 500)
        for case in cases:
            self.assertTrue(case["monitor_events"], case["id"])
            for e in case["monitor_events"]:
                self.assertTrue({"socket", "event", "value", "endpoint"} <= set(e), case["id"])

    def test_hwm_cases_report_the_configured_marks_and_the_counts(self):
        per_pipe = [c["observations"]["hwm"] for c in self.result.cases() if c["scenario"] == "hwm.per-pipe"]
        self.assertTrue(per_pipe)
        for counts in per_pipe:  # HWM-01: one mark per peer, two peers
            self.assertGreaterEqual(counts["sent"], 2 * counts["sender"]["sndhwm"])
        hwm = [c for c in self.result.cases() if c["scenario"].startswith("hwm.")
               and c["scenario"] not in ("hwm.timeouts", "hwm.defaults", "hwm.per-pipe")]
        self.assertGreaterEqual(len(hwm), 40)
        for case in hwm:
            counts = case["observations"]["hwm"]
            for end in ("sender", "receiver"):
                self.assertIsInstance(counts[end]["sndhwm"], int, case["id"])
                self.assertIsInstance(counts[end]["rcvhwm"], int, case["id"])
            self.assertEqual(counts["sent"], counts["delivered"] + counts["dropped"], case["id"])
            if case["scenario"] in ("hwm.dropping-types", "hwm.router-drops", "hwm.inproc-drops"):
                self.assertGreater(counts["dropped"], 0, case["id"])
                self.assertNotIn("refused_with", counts, case["id"])
            else:
                self.assertEqual(counts["dropped"], 0, case["id"])
                self.assertEqual(counts["refused_with"], "EAGAIN", case["id"])
        inproc = [c["observations"]["hwm"] for c in hwm if c["scenario"] == "hwm.inproc-sum"]
        self.assertTrue(inproc)
        for counts in inproc:  # HWM-04: exactly SNDHWM + RCVHWM
            self.assertEqual(counts["sent"], counts["sender"]["sndhwm"] + counts["receiver"]["rcvhwm"])

    def test_fault_cases_go_through_the_relay(self):
        faults = [c for c in self.result.cases() if c["scenario"].startswith("fault.") and "relay" in c.get("observations", {})]
        self.assertGreaterEqual(len(faults), 30)
        for case in faults:
            relay = case["observations"]["relay"]
            self.assertTrue(relay["faults"], case["id"])
            self.assertGreater(relay["octets_to_upstream"], 0, case["id"])
            if case["scenario"] in ("fault.cut-reconnect", "fault.half-close", "fault.black-hole-heartbeat"):
                self.assertGreaterEqual(relay["accepted"], 2, case["id"])  # the reconnection came through it too
        restarted = [c for c in self.result.cases() if c["scenario"] == "fault.bound-peer-restarted"]
        self.assertTrue(restarted)
        for case in restarted:
            events = [e["event"] for e in case["monitor_events"] if e["socket"] == "a"]
            self.assertGreaterEqual(events.count("HANDSHAKE_SUCCEEDED"), 2, case["id"])

    def test_linger_bounds_the_wait_of_term(self):
        bounded = [c for c in self.result.cases() if c["scenario"] == "context.linger-bounded"]
        self.assertTrue(bounded)
        for case in bounded:
            self.assertGreaterEqual(case["observations"]["reply_ms_term"], 250, case["id"])

    def test_distribution_steps_record_what_each_peer_got(self):
        rr = [c for c in self.result.cases() if c["scenario"] == "pipeline.round-robin" and c["verdict"] == "pass"]
        self.assertTrue(rr)
        for case in rr:
            shares = case["observations"]["round_robin"]
            self.assertEqual(sorted(len(v) for v in shares.values()), [4, 4, 4], case["id"])

    def test_junit_has_one_testcase_per_case_and_known_failures_skipped(self):
        root = ET.parse(os.path.join(self.result.out, "latest", "junit.xml")).getroot()
        self.assertEqual(root.tag, "testsuites")
        self.assertEqual(len(root.findall("./testsuite/testcase")), len(self.result.cases()))
        self.assertEqual(root.get("failures"), "0")
        self.assertEqual(root.get("errors"), "0")

    def test_timestamped_sibling_of_latest(self):
        dirs = [d for d in os.listdir(self.result.out) if d != "latest"]
        self.assertEqual(len(dirs), 1)
        self.assertTrue(os.path.exists(os.path.join(self.result.out, dirs[0], "report.json")))


class Gate(unittest.TestCase):
    KNOWN = "errors.tcp-port-range/*"

    def test_a_known_failure_passes_the_gate_and_fails_without_the_baseline(self):
        with_baseline = Run("--impl", "libzmq", "--filter", self.KNOWN)
        self.assertEqual(with_baseline.code, 0, with_baseline.explain())
        self.assertEqual(with_baseline.cases()[0]["baseline"]["status"], "known")
        without = Run("--impl", "libzmq", "--filter", self.KNOWN, "--no-baseline")
        self.assertEqual(without.code, 1, without.explain())

    def test_a_baselined_case_that_passes_is_reported(self):
        baseline = os.path.join(Run("--impl", "libzmq", "--filter", "x-none-x").out, "baseline.yaml")
        with open(baseline, "w") as f:
            f.write("known:\n  - cases: 'delivery.single/PUSH-PULL/tcp/*'\n    clause: PAT-01\n    reason: test\n")
        run = Run("--impl", "libzmq", "--filter", "delivery.single/PUSH-PULL/tcp/*", "--baseline", baseline)
        self.assertEqual(run.code, 0, run.explain())
        self.assertIn("unexpected pass", run.stdout)
        self.assertEqual(run.report["summary"]["unexpected_passes"], 2)


class Matrix(unittest.TestCase):
    """Several implementations: each alone, then every ordered pair, with IDs that name the pair."""

    def test_pairs_play_two_sided_cases_only_with_their_own_ids(self):
        # libzmq beside itself under another name: the pair legs need no second library.
        twin = os.path.join(Run("--impl", "libzmq", "--filter", "x-none-x").out, "twin.yaml")
        with open(twin, "w") as f:
            f.write('name: twin\nargv: ["${BUILD_DIR}/agents/zconform-agent-libzmq"]\n')
        run = Run("--impl", "libzmq", "--impl-file", twin, "--filter", "*.single/PUSH-PULL/tcp/PULL-binds*")
        self.assertEqual(run.code, 0, run.explain())
        ids = sorted(c["id"] for c in run.cases())
        self.assertEqual(ids, ["delivery.single/PUSH-PULL/tcp/PULL-binds",
                               "delivery.single/PUSH-PULL/tcp/PULL-binds",
                               "delivery.single/PUSH-PULL/tcp/PULL-binds/libzmq+twin",
                               "delivery.single/PUSH-PULL/tcp/PULL-binds/twin+libzmq"])
        pair = next(c for c in run.cases() if c["id"].endswith("/twin+libzmq"))
        self.assertEqual(pair["implementations"], ["twin", "libzmq"])
        self.assertEqual([i["name"] for i in run.report["implementations"]], ["libzmq", "twin"])
        # A wire case has the raw peer for its other side: it runs alone only.
        wire = Run("--impl", "libzmq", "--impl-file", twin, "--filter", "wire.null.iut-ready/*/tcp/*")
        self.assertTrue(wire.cases(), wire.explain())
        self.assertFalse([c for c in wire.cases() if "+" in c["id"]], wire.explain())

    def twin(self):
        twin = os.path.join(Run("--impl", "libzmq", "--filter", "x-none-x").out, "twin.yaml")
        with open(twin, "w") as f:
            f.write('name: twin\nargv: ["${BUILD_DIR}/agents/zconform-agent-libzmq"]\n')
        return twin

    def test_a_pair_inherits_the_known_failures_of_each_side(self):
        run = Run("--impl", "libzmq", "--impl-file", self.twin(), "--filter", "pubsub.xpub-disconnect/XPUB-SUB/tcp/SUB-binds*")
        self.assertEqual(run.code, 1, run.explain())  # twin alone has no baseline: its failure counts
        by_id = {c["id"]: c for c in run.cases()}
        pair = by_id["pubsub.xpub-disconnect/XPUB-SUB/tcp/SUB-binds/libzmq+twin"]
        self.assertEqual((pair["verdict"], pair["baseline"]["status"]), ("fail", "known"), run.explain())
        self.assertIn("(libzmq.yaml)", pair["baseline"]["reason"])
        # An entry does not say which side's behaviour it is: the reverse pair inherits it too.
        reverse = by_id["pubsub.xpub-disconnect/XPUB-SUB/tcp/SUB-binds/twin+libzmq"]
        self.assertEqual(reverse["baseline"]["status"], "known", run.explain())
        alone = [c for c in run.cases() if c["id"] == "pubsub.xpub-disconnect/XPUB-SUB/tcp/SUB-binds"]
        self.assertEqual(sorted("baseline" in c for c in alone), [False, True])

    def test_legs_in_parallel_give_the_verdicts_of_legs_in_turn(self):
        args = ["--impl", "libzmq", "--impl-file", self.twin(), "--filter", "pipeline.*/*/tcp/*"]
        serial, parallel = Run(*args), Run(*args, "--jobs", "3")
        verdicts = lambda run: sorted((c["id"], c["verdict"]) for c in run.cases())
        self.assertEqual(len(serial.cases()), len(parallel.cases()))
        self.assertEqual(verdicts(serial), verdicts(parallel), parallel.explain())
        self.assertEqual([c["id"] for c in serial.cases()], [c["id"] for c in parallel.cases()])

    def test_an_implementation_named_twice_is_refused(self):
        run = Run("--impl", "libzmq", "--impl", "libzmq", "--filter", "delivery.single/*")
        self.assertEqual(run.code, 2, run.explain())
        self.assertIn("named twice", run.stderr)

    def test_peer_pairs_with_one_implementation_only(self):
        run = Run("--impl", "libzmq", "--impl", "pyzmq", "--peer", "libzmq", "--filter", "delivery.single/*")
        self.assertEqual(run.code, 2, run.explain())
        self.assertIn("--peer", run.stderr)


class Coverage(unittest.TestCase):
    def test_coverage_prints_a_table_and_n_of_m(self):
        proc = subprocess.run([ZCONFORM, "coverage"], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        covered, total = map(int, re.search(r"\n(\d+) of (\d+) clauses have cases", proc.stdout).groups())
        self.assertRegex(proc.stdout, r"\nREQ-01 +MUST +A +\d+ +.*reqrep\.req-efsm")
        self.assertRegex(proc.stdout, r"\nGREET-01 +MUST +W +\d+ +.*wire\.greeting\.iut-sends")
        # Every clause without a case has its "(none)" row, and the count agrees with them.
        uncovered = re.findall(r"\n[A-Z][A-Z0-9]*-\d+ [^\n]* - +\(none\)", proc.stdout)
        self.assertEqual(len(uncovered), total - covered, proc.stdout[-2000:])

    def test_list_filter_selects_by_glob(self):
        ids = list_ids("--filter", "*/ROUTER-ROUTER/ws/*")
        self.assertTrue(ids)
        self.assertTrue(all("/ROUTER-ROUTER/ws/" in i for i in ids))


if __name__ == "__main__":
    unittest.main()
