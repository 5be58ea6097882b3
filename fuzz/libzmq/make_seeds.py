#!/usr/bin/env python3
"""Writes the seed inputs of the in-process libzmq targets into corpus/libzmq_*/, and wire_agent's
(run it again after changing an input format). The engine's and wire_agent's seeds follow
common/zmtp_script.hpp; libzmq_raw_stream's
are the very bytes those seeds make the engine target send, so that the two targets start from
the same knowledge when scripts/bench compares them."""

import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOCKETS = [("PULL", "PUSH"), ("ROUTER", "DEALER"), ("PAIR", "PAIR"), ("DEALER", "ROUTER"),
           ("REP", "REQ"), ("XPUB", "XSUB"), ("SUB", "PUB"), ("PUB", "SUB")]
VERSIONS = {31: 0, 30: 1, 20: 2, 10: 3}
ZMTP20_TYPES = ["PAIR", "PUB", "SUB", "REQ", "REP", "DEALER", "ROUTER", "PULL", "PUSH", "XPUB", "XSUB"]


def v2_frame(body, more=False, command=False, long=None):
    flags = (1 if more else 0) | (4 if command else 0)
    if long or (long is None and len(body) > 255):
        return bytes([flags | 2]) + struct.pack(">Q", len(body)) + body
    return bytes([flags, len(body)]) + body


def v1_frame(body, more=False):
    size = len(body) + 1
    head = bytes([size]) if size < 255 else b"\xff" + struct.pack(">Q", size)
    return head + bytes([1 if more else 0]) + body


def prop(name, value):
    return bytes([len(name)]) + name + struct.pack(">I", len(value)) + value


def command(name, data=b""):
    return bytes([len(name)]) + name + data


MECHANISMS = [b"NULL", b"PLAIN", b"CURVE"]


def zap_answer(status=0, user_id=b"", metadata=b""):
    """common/zap_answer.hpp: selector (status 0-4: 200, 5: 400, 6: 500), user id, metadata."""
    return bytes([status, len(user_id)]) + user_id + bytes([len(metadata)]) + metadata


def handshake(index, version, identity):
    """The bytes the engine target sends before its frames; CURVE's greeting only (the rest is
    played live)."""
    peer = SOCKETS[index % 8][1].encode()
    mechanism = index // 8
    plain = mechanism == 1
    if version == 10:
        return v1_frame(b"")
    out = b"\xff" + b"\x00" * 8 + b"\x7f"
    if version == 20:
        return out + b"\x01" + bytes([ZMTP20_TYPES.index(peer.decode())]) + v2_frame(b"")
    out += b"\x03" + (b"\x01" if version == 31 else b"\x00")
    out += MECHANISMS[mechanism].ljust(20, b"\x00") + b"\x00" * 32
    if mechanism == 2:
        return out
    props = prop(b"Socket-Type", peer) + (prop(b"Identity", b"peer") if identity else b"")
    if plain:
        return out + v2_frame(command(b"HELLO", b"\x04user\x04pass"), command=True) + \
            v2_frame(command(b"INITIATE", props), command=True)
    return out + v2_frame(command(b"READY", props), command=True)


class EngineSeed:
    """One engine input and the bytes it makes the target send."""

    def __init__(self, index, version=31, identity=False, zap=None):
        self.index, self.version = index, version
        self.input = bytes([index % 8 | (8 if index >= 8 else 0) | VERSIONS[version] << 4 | (0x40 if identity else 0)])
        if index >= 8:  # a mechanism byte (bit 0: CURVE) and the ZAP handler's answer
            self.input += bytes([index // 8 - 1]) + (zap if zap is not None else zap_answer(user_id=b"fuzz"))
        self.stream = handshake(index, version, identity)

    def frame(self, body, more=False, command=False, long=False):
        self.input += bytes([(4 if more else 0) | (8 if command else 0) | (16 if long else 0)])
        self.input += struct.pack(">H", len(body)) + body
        if self.version == 10:
            self.stream += v1_frame(body, more)
        else:
            self.stream += v2_frame(body, more, command, True if long else None)
        return self

    def lie(self, flags, declared, body):
        self.input += b"\x11" + bytes([flags]) + struct.pack(">Q", declared) + struct.pack(">H", len(body)) + body
        self.stream += bytes([flags | 2]) + struct.pack(">Q", declared) + body
        return self

    def large(self, count, fill):
        self.input += b"\x02" + struct.pack(">H", count) + bytes([fill])
        body = bytes([fill]) * count
        self.stream += v1_frame(body) if self.version == 10 else v2_frame(body)
        return self


def engine_seeds():
    seeds = {}
    for index in range(24):
        for version in (31, 30, 20, 10) if index < 8 else (31,):
            seed = EngineSeed(index, version, identity=index % 8 == 1).frame(b"hello").frame(b"a", more=True).frame(b"b")
            seeds[f"{SOCKETS[index % 8][0].lower()}-{MECHANISMS[index // 8].decode().lower()}-{version}"] = seed
    seeds["pull-ping"] = EngineSeed(0).frame(command(b"PING", b"\x00\x0ahi"), command=True).frame(b"after")
    seeds["pub-subscribe"] = EngineSeed(7).frame(command(b"SUBSCRIBE", b"topic"), command=True).frame(b"\x01x")
    seeds["pull-declared-2^63"] = EngineSeed(0).frame(b"first").lie(0, 2**63, b"short body")
    seeds["pull-declared-2^64-1"] = EngineSeed(0).lie(1, 2**64 - 1, b"x")
    seeds["pull-large-40k"] = EngineSeed(0).large(40000, 0x41).frame(b"tail")
    seeds["router-long-short-body"] = EngineSeed(1).frame(b"s" * 3, long=True)
    seeds["pull-plain-refused-400"] = EngineSeed(8, zap=zap_answer(status=5)).frame(b"never")
    seeds["pull-plain-metadata"] = EngineSeed(8, zap=zap_answer(user_id=b"u", metadata=prop(b"X-Tag", b"v"))).frame(b"m")
    seeds["pull-curve-ping"] = EngineSeed(16).frame(command(b"PING", b"\x00\x0ahi"), command=True).frame(b"after")
    seeds["pull-curve-large-40k"] = EngineSeed(16).large(40000, 0x41).frame(b"tail")
    seeds["pull-curve-refused-500"] = EngineSeed(16, zap=zap_answer(status=6)).frame(b"never")
    return seeds


def custom_handshake_seeds():
    """Engine inputs with setup bit 7: the greeting and handshake commands come from the input."""
    ready = bytes([0x80 | 0]) + bytes([3, 1, 0, 0]) + bytes([1, 0, 2, 0, 0, 1, 4]) + b"peer" + b"\x00"
    plain = bytes([0x80 | 8, 0]) + zap_answer(user_id=b"fuzz") + bytes([3, 0, 1, 0]) + \
        bytes([2, 1, 0, 10]) + b"\x04user\x04pass" + bytes([2, 1, 0, 0, 0])
    frame = b"\x00" + struct.pack(">H", 5) + b"hello"
    return {"custom-null-ready": ready + frame, "custom-plain-hello-initiate": plain + frame}


def decoder_seeds():
    v2 = {
        "messages": b"\x00\x00" + v2_frame(b"hello") + v2_frame(b"a", more=True) + v2_frame(b"b"),
        "copying-small-batch": b"\x09\x03" + v2_frame(b"x" * 300) + v2_frame(b"y" * 70, more=True) + v2_frame(b""),
        "command-ping": b"\x00\x05" + v2_frame(command(b"PING", b"\x00\x0a"), command=True) + v2_frame(b"z"),
        "limit-256": b"\x04\x00" + v2_frame(b"q" * 256) + v2_frame(b"q" * 257),
        "declared-2^63": b"\x00\x00" + b"\x02" + struct.pack(">Q", 2**63) + b"body",
    }

    def ws(opcode, payload, mask=None):
        head = bytes([0x80 | opcode])
        size = len(payload)
        mbit = 0x80 if mask else 0
        if size < 126:
            head += bytes([mbit | size])
        elif size < 65536:
            head += bytes([mbit | 126]) + struct.pack(">H", size)
        else:
            head += bytes([mbit | 127]) + struct.pack(">Q", size)
        if mask:
            payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            head += mask
        return head + payload

    m = b"\x11\x22\x33\x44"
    ws_seeds = {
        "client-binary": b"\x00\x00" + ws(2, b"\x00hello") + ws(2, b"\x01a") + ws(2, b"\x00b"),
        "server-masked": b"\x20\x00" + ws(2, b"\x00hello", m) + ws(9, b"ping", m) + ws(2, b"\x02\x04PING", m),
        "long-lengths": b"\x28\x07" + ws(2, b"\x00" + b"L" * 300, m) + ws(2, b"\x00" + b"M" * 70000, m),
        "pong-close": b"\x00\x00" + ws(10, b"") + ws(8, b"\x03\xe8"),
    }
    v1 = {
        "messages": b"\x00\x00" + v1_frame(b"hello") + v1_frame(b"a", True) + v1_frame(b"b"),
        "long-length": b"\x01\x02" + v1_frame(b"w" * 300) + v1_frame(b""),
        "zero-length": b"\x00\x00" + b"\x00",
    }
    return {"libzmq_v2_decoder": v2, "libzmq_ws_decoder": ws_seeds, "libzmq_v1_decoder": v1}


def write(target, seeds):
    folder = os.path.join(ROOT, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)


def main():
    engine = engine_seeds()
    inputs = {name: seed.input for name, seed in engine.items()}
    inputs.update(custom_handshake_seeds())
    write("libzmq_engine", inputs)
    write("wire_agent", inputs)  # the same format
    write("libzmq_raw_stream", {name: bytes([seed.index]) + seed.stream for name, seed in engine.items()})
    for target, seeds in decoder_seeds().items():
        write(target, seeds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
