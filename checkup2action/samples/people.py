"""Fake patients, doctors and institutions assembled from the pools in ``data/people.yaml``."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from checkup2action.samples.results import age_on
from checkup2action.samples.vocab import load_vocab

EXAM_START = date(2023, 1, 1)


@dataclass(frozen=True)
class FakePatient:
    """A fake identity: every string here is invented."""

    given: str
    family: str
    sex: str  # M | F
    dob: date
    exam_date: date
    locale: str

    @property
    def age(self) -> int:
        return age_on(self.dob, self.exam_date)

    @property
    def full_name(self) -> str:
        """Name in the locale's natural order."""
        if self.locale.startswith("zh"):
            return self.family + self.given
        return f"{self.given} {self.family}"


def pools(locale: str) -> dict:
    return load_vocab().people[locale]


def fake_person(rng: random.Random, locale: str, sex: str | None = None) -> tuple[str, str, str]:
    """(given, family, sex) from the locale's pools."""
    p = pools(locale)
    sex = sex or rng.choice("MF")
    if locale.startswith("zh"):
        return rng.choice(p[f"given_{sex}"]), rng.choice(p["surnames"]), sex
    return rng.choice(p[f"first_{sex}"]), rng.choice(p["last"]), sex


def fake_patient(
    rng: random.Random, locale: str, *, min_age: int = 18, max_age: int = 84
) -> FakePatient:
    """A fake patient with an exam date in 2023-2025 and a consistent date of birth."""
    given, family, sex = fake_person(rng, locale)
    exam = EXAM_START + timedelta(days=rng.randrange(3 * 365))
    age = rng.randint(min_age, max_age)
    dob = date(exam.year - age - 1, 1, 1) + timedelta(days=rng.randrange(365))
    return FakePatient(given, family, sex, dob, exam, locale)


def fake_digits(rng: random.Random, n: int) -> str:
    """``n`` random digits, no leading zero."""
    return str(rng.randint(1, 9)) + "".join(str(rng.randrange(10)) for _ in range(n - 1))


def fake_doctor(rng: random.Random, locale: str) -> str:
    given, family, _ = fake_person(rng, locale)
    if locale.startswith("zh"):
        return family + given
    return f"Dr. {given} {family}"


def zh_institution(rng: random.Random, kind: str = "hospitals", locale: str = "zh_hans") -> str:
    """A fictional Chinese hospital or check-up centre name."""
    p = pools(locale)
    template = rng.choice(p[kind])
    return template.format(city=rng.choice(p["cities"]), n=rng.choice(["一", "二", "三"]))
