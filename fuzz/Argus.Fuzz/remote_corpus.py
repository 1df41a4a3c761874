#!/usr/bin/env python3
"""Writes the seed corpora of the remote-write and remote-read fuzz targets (fuzz/corpus/remote-write, remote-read).

Protobuf and the snappy block format are encoded here by hand (no third-party modules), from prompb/types.proto,
remote.proto and snappy's format_description.txt, so the seeds do not depend on Argus's own encoders. Files ending in
.snappy are request bodies as sent over HTTP; files ending in .pb are the bare protobuf. Deterministic: running it again
rewrites the same bytes. Usage: python3 fuzz/Argus.Fuzz/remote_corpus.py (from the repository root).
"""
import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus")


def uvarint(x):
    x &= (1 << 64) - 1  # negative int64 values are sent as 10-byte two's complement varints
    out = bytearray()
    while x >= 0x80:
        out.append((x & 0x7F) | 0x80)
        x >>= 7
    out.append(x)
    return bytes(out)


def tag(field, wire):
    return uvarint(field << 3 | wire)


def varint_field(field, x):
    return tag(field, 0) + uvarint(x) if x != 0 else b""


def bytes_field(field, b):
    if isinstance(b, str):
        b = b.encode("utf-8")
    return tag(field, 2) + uvarint(len(b)) + b


def double_field(field, v):
    return tag(field, 1) + struct.pack("<d", v)


def double_bits_field(field, bits):
    return tag(field, 1) + struct.pack("<Q", bits)


def label(name, value):
    return bytes_field(1, name) + bytes_field(2, value)


def labels(field, pairs):
    return b"".join(bytes_field(field, label(n, v)) for n, v in pairs)


def sample(value_field, t):
    return value_field + varint_field(2, t)


def series(pairs, samples, exemplars=b"", extra=b""):
    return labels(1, pairs) + b"".join(bytes_field(2, s) for s in samples) + exemplars + extra


def snappy_compress(data):
    """Snappy block format with literals, 1-byte-offset and 2-byte-offset copies (greedy 4-byte hash matching)."""
    out = bytearray(uvarint(len(data)))
    table = {}
    i = lit = 0

    def literal(start, end):
        n = end - start
        while n > 0:
            chunk = min(n, 65536)
            if chunk - 1 < 60:
                out.append((chunk - 1) << 2)
            elif chunk - 1 < 256:
                out.extend((60 << 2, chunk - 1))
            else:
                out.append(61 << 2)
                out.extend(struct.pack("<H", chunk - 1))
            out.extend(data[start:start + chunk])
            start += chunk
            n -= chunk

    while i + 4 <= len(data):
        key = data[i:i + 4]
        cand = table.get(key)
        table[key] = i
        if cand is None or i - cand >= 65536:
            i += 1
            continue
        length = 4
        while i + length < len(data) and data[cand + length] == data[i + length]:
            length += 1
        literal(lit, i)
        offset = i - cand
        remaining = length
        while remaining > 0:
            n = min(remaining, 64)
            if remaining - n and remaining - n < 4:
                n = remaining - 4  # keep every copy at least 4 long
            if 4 <= n <= 11 and offset < 2048:
                out.extend(((offset >> 8) << 5 | (n - 4) << 2 | 1, offset & 0xFF))
            else:
                out.append((n - 1) << 2 | 2)
                out.extend(struct.pack("<H", offset))
            remaining -= n
        i += length
        lit = i
    literal(lit, len(data))
    return bytes(out)


STALE_NAN = 0x7FF0000000000002


def write_requests():
    basic = b"".join(bytes_field(1, s) for s in [
        series([("__name__", "up"), ("instance", "a:9100"), ("job", "node")],
               [sample(double_field(1, 1.0), 1_700_000_000_000), sample(double_field(1, 0.0), 1_700_000_015_000)]),
        series([("__name__", "http_requests_total"), ("code", "200"), ("job", "api")],
               [sample(double_field(1, 1027.5), 1_700_000_000_000),
                sample(double_bits_field(1, STALE_NAN), 1_700_000_015_000),
                sample(double_field(1, float("inf")), 1_700_000_030_000),
                sample(double_field(1, float("-inf")), 1_700_000_045_000),
                sample(double_bits_field(1, 0x8000000000000000), 1_700_000_060_000),
                sample(double_bits_field(1, 0x7FF8000000000001), -1)]),
        series([("__name__", "ünïcode_metric"), ("label", "välue \"quoted\"\n")], [sample(b"", 0)]),
    ])
    exemplars = b"".join(
        bytes_field(3, labels(1, [("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")]) + double_field(2, 0.25) + varint_field(3, 1_700_000_000_123))
        for _ in range(2))
    with_meta = (
        bytes_field(1, series([("__name__", "rpc_duration_seconds_bucket"), ("le", "0.5")],
                              [sample(double_field(1, 12.0), 1_700_000_000_000)], exemplars))
        + bytes_field(3, varint_field(1, 3) + bytes_field(2, "rpc_duration_seconds") + bytes_field(4, "RPC latency.") + bytes_field(5, "seconds"))
        + bytes_field(3, varint_field(1, 1) + bytes_field(2, "http_requests_total") + bytes_field(4, "Requests."))
        + bytes_field(3, varint_field(1, 7) + bytes_field(2, "feature_state")))
    # A native histogram (TimeSeries field 4), the reserved WriteRequest field 2 and unknown fields of every wire type.
    histogram = bytes_field(4, varint_field(1, 5) + double_field(2, 3.5) + varint_field(4, 3) + varint_field(15, 1_700_000_000_000))
    unknown = tag(9, 0) + uvarint(300) + tag(10, 1) + b"\x01" * 8 + tag(11, 5) + b"\x02" * 4 + bytes_field(12, b"\x00\xff")
    odd = (bytes_field(2, b"reserved")
           + bytes_field(1, series([("__name__", "native")], [], extra=histogram + unknown))
           + bytes_field(1, series([("__name__", "mixed"), ("job", "x")], [sample(double_field(1, 2.0), 5)], extra=unknown))
           + unknown)
    many = b"".join(
        bytes_field(1, series([("__name__", "node_cpu_seconds_total"), ("cpu", str(c)), ("instance", "host-%02d:9100" % h),
                               ("job", "node"), ("mode", m)],
                              [sample(double_field(1, 1000.0 + c * 7 + h), 1_700_000_000_000 + k * 15_000) for k in range(3)]))
        for h in range(4) for c in range(4) for m in ("idle", "system", "user"))
    return {"basic": basic, "exemplars-metadata": with_meta, "histogram-unknown-fields": odd, "many-series": many, "empty": b""}


def read_requests():
    def matcher(kind, name, value):
        return varint_field(1, kind) + bytes_field(2, name) + bytes_field(3, value)

    hints = varint_field(1, 15_000) + bytes_field(2, "rate") + varint_field(3, 1_700_000_000_000) + varint_field(4, 1_700_000_360_000) \
        + bytes_field(5, "job") + bytes_field(5, "instance") + varint_field(6, 1) + varint_field(7, 300_000)
    query = varint_field(1, 1_700_000_000_000) + varint_field(2, 1_700_000_360_000) \
        + bytes_field(3, matcher(0, "__name__", "http_requests_total")) + bytes_field(3, matcher(1, "code", "500")) \
        + bytes_field(3, matcher(2, "job", "api|web")) + bytes_field(3, matcher(3, "env", "dev.*")) + bytes_field(4, hints)
    samples = bytes_field(1, query)
    streamed = bytes_field(1, query) + bytes_field(1, varint_field(2, 5) + bytes_field(3, matcher(2, "__name__", ".+"))) \
        + bytes_field(2, uvarint(1) + uvarint(0))
    unpacked = bytes_field(1, varint_field(1, -5) + bytes_field(3, matcher(0, "job", ""))) + tag(2, 0) + uvarint(1) + tag(2, 0) + uvarint(7)
    return {"samples": samples, "streamed-two-queries": streamed, "unpacked-types-negative-start": unpacked}


def main():
    for target, messages in (("remote-write", write_requests()), ("remote-read", read_requests())):
        folder = os.path.join(ROOT, target)
        os.makedirs(folder, exist_ok=True)
        for name, message in messages.items():
            with open(os.path.join(folder, name + ".snappy"), "wb") as f:
                f.write(snappy_compress(message))
            if message:
                with open(os.path.join(folder, name + ".pb"), "wb") as f:
                    f.write(message)


if __name__ == "__main__":
    main()
