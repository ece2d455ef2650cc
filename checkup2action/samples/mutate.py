"""Damaged copies of good documents, for robustness benches and tests: truncation, flipped bytes,
a broken cross-reference table, damaged streams, junk before the header, cut or repeated spans.

Each mutation is a pure function of the bytes and a seeded random generator, so a corpus is the
same on every run.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from typing import Final

Mutation = Callable[[bytes, random.Random], bytes]


def truncate(data: bytes, rng: random.Random) -> bytes:
    """Cut the file somewhere after its first few bytes."""
    return data[: rng.randint(8, max(9, len(data) - 1))]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    """Replace 1 to 64 bytes anywhere with random ones."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 64)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def break_xref(data: bytes, rng: random.Random) -> bytes:
    """Damage the cross-reference data: wrong offsets, a wrong ``startxref``, or none at all."""
    choice = rng.randrange(3)
    if choice == 0:  # every offset in the xref table shifted
        return re.sub(rb"(\d{10}) (\d{5}) n", lambda m: b"%010d %s n" % (
            int(m.group(1)) + rng.randint(1, 500), m.group(2)), data)  # fmt: skip
    if choice == 1:
        return re.sub(rb"startxref\s+\d+", b"startxref\n%d" % rng.randint(0, len(data)), data)
    cut = data.rfind(b"xref")
    return data[:cut] if cut > 0 else data


def damage_stream(data: bytes, rng: random.Random) -> bytes:
    """Overwrite part of one stream's data (content, font or picture) with random bytes."""
    starts = [m.end() for m in re.finditer(rb"stream\r?\n", data)]
    if not starts:
        return flip_bytes(data, rng)
    start = rng.choice(starts)
    length = rng.randint(4, 512)
    junk = bytes(rng.randrange(256) for _ in range(length))
    return data[:start] + junk + data[start + length :]


def junk_header(data: bytes, rng: random.Random) -> bytes:
    """Put 1 to 2000 random bytes before the file (past 1024 a reader no longer finds a PDF)."""
    return bytes(rng.randrange(256) for _ in range(rng.randint(1, 2000))) + data


def cut_span(data: bytes, rng: random.Random) -> bytes:
    """Remove a span of up to a quarter of the file."""
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randint(1, max(2, len(data) // 4)) :]


def repeat_span(data: bytes, rng: random.Random) -> bytes:
    """Insert a copy of some span somewhere else."""
    start = rng.randrange(len(data))
    span = data[start : start + rng.randint(1, 4096)]
    at = rng.randrange(len(data))
    return data[:at] + span + data[at:]


MUTATIONS: Final[dict[str, Mutation]] = {
    "truncate": truncate,
    "flip_bytes": flip_bytes,
    "break_xref": break_xref,
    "damage_stream": damage_stream,
    "junk_header": junk_header,
    "cut_span": cut_span,
    "repeat_span": repeat_span,
}


def mutants(sources: list[bytes], count: int, seed: int = 0) -> list[tuple[str, int, bytes]]:
    """``count`` damaged copies of the sources, mutations taken in turn: (mutation, source index,
    bytes). Never empty, and never an unchanged copy."""
    rng = random.Random(seed)
    names = list(MUTATIONS)
    out = []
    for n in range(count):
        index = n % len(sources)
        name = names[n % len(names)]
        data = MUTATIONS[name](sources[index], rng)
        if not data or data == sources[index]:
            data = truncate(sources[index], rng)
        out.append((name, index, data))
    return out
