"""Seeded identities: the identifiers a report may print beside a patient's name, with their kind.

The de-identification bench (``bench/deid.py``) needs reports whose every identifier is known:
a national ID with a valid check digit, phone numbers and e-mail addresses in the forms people
write them, street addresses, record numbers. A family prints them when the report is generated
with ``seeded_identities`` on (``generator.generate(..., identities=True)``): it asks its
``Document`` for :meth:`~checkup2action.samples.draw.Document.seeded_fields` and prints the
``(label, value)`` pairs with its other patient fields; the truth then lists them by kind under
``seeded_identifiers``. Off (the default) nothing is drawn and no random number is drawn, so the
bundled samples and their goldens do not change. Every value is invented; the numbers only have
the shape of real ones.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from checkup2action.samples.vocab import load_data

#: ID check digit weights of GB 11643 (the 18-character Chinese resident ID).
_CN_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


@lru_cache(maxsize=1)
def _vocab() -> dict:
    """Places, streets and labels of ``data/identity.yaml``."""
    return dict(load_data("identity.yaml"))


@dataclass(frozen=True, slots=True)
class SeededField:
    """One identifier printed on a report: its kind, the label before it and its text."""

    kind: str  # one of deid.identifiers.KINDS
    label: str
    text: str


def _digits(rng: random.Random, n: int) -> str:
    """``n`` random digits, the first not 0."""
    return str(rng.randint(1, 9)) + "".join(str(rng.randrange(10)) for _ in range(n - 1))


def cn_resident_id(rng: random.Random, birth: date) -> str:
    """An 18-character Chinese resident ID for ``birth`` whose check digit holds."""
    body = f"{rng.choice(_vocab()['zh']['regions'])}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    total = sum(int(d) * w for d, w in zip(body, _CN_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def _group(number: str, sizes: tuple[int, ...], sep: str) -> str:
    """``number`` cut into groups of ``sizes`` joined by ``sep``."""
    out, pos = [], 0
    for size in sizes:
        out.append(number[pos : pos + size])
        pos += size
    return sep.join(out)


def zh_phone(rng: random.Random) -> str:
    """A Chinese mobile or landline number in one of the forms people print."""
    mobile = f"1{rng.choice('3456789')}{_digits(rng, 9)}"
    forms = (
        mobile,
        _group(mobile, (3, 4, 4), " "),
        _group(mobile, (3, 4, 4), "-"),
        "+86 " + _group(mobile, (3, 4, 4), " "),
        f"0{rng.choice(['10', '21', '20', '755', '571'])}-{_digits(rng, 8)}",
        f"(0{rng.choice(['10', '21', '28'])}) {_digits(rng, 4)} {_digits(rng, 4)}",
    )
    return rng.choice(forms)


def en_phone(rng: random.Random) -> str:
    """A US, UK or Indian phone number in one of the forms people print."""
    area, mid, last = _digits(rng, 3), _digits(rng, 3), f"{rng.randrange(10000):04d}"
    forms = (
        f"({area}) {mid}-{last}",
        f"{area}-{mid}-{last}",
        f"+1 {area} {mid} {last}",
        f"+1 ({area}) {mid}-{last}",
        f"020 {_digits(rng, 4)} {_digits(rng, 4)}",
        f"+44 20 {_digits(rng, 4)} {_digits(rng, 4)}",
        f"+91 9{_digits(rng, 4)} {_digits(rng, 5)}",
        f"9{_digits(rng, 4)}-{_digits(rng, 5)}",
    )
    return rng.choice(forms)


def email(rng: random.Random) -> str:
    """An e-mail address at a reserved example domain."""
    letters = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 7)))
    sep = rng.choice(["", ".", "_"])
    tail = rng.choice(["", str(rng.randint(1, 99)), str(rng.randint(1960, 2005))])
    other = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 6)))
    return f"{letters}{sep}{other}{tail}@{rng.choice(_vocab()['mail_domains'])}"


def zh_address(rng: random.Random) -> str:
    """A Chinese street address down to the room."""
    zh = _vocab()["zh"]
    province, district = rng.choice(zh["places"])
    street = rng.choice(zh["streets"]) + zh["street_no"].format(n=rng.randint(1, 300))
    room = zh["room"].format(
        building=rng.randint(1, 30), unit=rng.randint(1, 6), room=rng.randint(101, 3004)
    )
    return f"{province}{district}{street}{room}"


def en_address(rng: random.Random) -> str:
    """A US, UK or Indian street address."""
    en = _vocab()["en"]
    street = f"{rng.randint(1, 9999)} {rng.choice(en['streets'])}"
    kind = rng.randrange(3)
    if kind == 0:
        town, state, zip_code = rng.choice(en["us_towns"])
        unit = rng.choice(["", f", Apt {rng.randint(1, 40)}{rng.choice('ABCD')}"])
        return f"{street}{unit}, {town}, {state} {zip_code}"
    if kind == 1:
        town, post = rng.choice(en["uk_towns"])
        return f"{street}, {town} {post}"
    town, pin = rng.choice(en["in_towns"])
    return f"Flat {rng.randint(1, 40)}, {rng.choice(en['streets'])}, {town} {pin}"


def _record(rng: random.Random) -> str:
    """A record number: digits, or letters then digits, sometimes with a dash."""
    forms = (
        _digits(rng, rng.choice([8, 9, 10, 12])),
        f"{rng.choice(['MZ', 'ZY', 'TJ', 'A', 'S', 'V'])}{_digits(rng, rng.choice([7, 8, 10]))}",
        f"{rng.choice(['A', 'L', 'S'])}{rng.randint(23, 25)}-{_digits(rng, 6)}",
    )
    return rng.choice(forms)


def _en_id(rng: random.Random, label: str) -> str:
    """A national number with the shape its label's country uses."""
    if label == "SSN":
        return f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
    if label == "CNIC":
        return f"{_digits(rng, 5)}-{_digits(rng, 7)}-{rng.randrange(10)}"
    return f"{rng.choice(string.ascii_uppercase)}{_digits(rng, 8)}"


def seeded_fields(rng: random.Random, language: str, birth: date) -> list[SeededField]:
    """The identifiers a report in ``language`` (``zh``/``en`` prefix) prints for one patient."""
    zh = language.startswith("zh")
    words = _vocab()["zh" if zh else "en"]
    id_label = rng.choice(words["id_labels"])
    id_text = cn_resident_id(rng, birth) if zh else _en_id(rng, id_label)
    return [
        SeededField("id_number", id_label, id_text),
        SeededField("phone", rng.choice(words["phone_labels"]), (zh_phone if zh else en_phone)(rng)),
        SeededField("email", rng.choice(words["email_labels"]), email(rng)),
        SeededField("address", rng.choice(words["address_labels"]),
                    (zh_address if zh else en_address)(rng)),
        *(SeededField("record_number", label, _record(rng))
          for label in rng.sample(words["record_labels"], 2)),
    ]  # fmt: skip
