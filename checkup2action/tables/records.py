"""A result being read by the line reader: its tokens per role, and the raw row it becomes."""

from __future__ import annotations

from dataclasses import dataclass, field

from checkup2action.tables.model import RawRow
from checkup2action.tables.roles import Role
from checkup2action.tables.tokens import Token


@dataclass(slots=True)
class Record:
    """One result being read: tokens per role."""

    cells: dict[Role, Token] = field(default_factory=dict)
    line: int = 0
    twin: Record | None = None  # a second value of the same test (percent and count)
    twin_owns_rest: bool = False  # the twin's own unit came next: the rest of the line is its
    second: bool = False  # this record is such a second value (it shares its name)

    def has(self, role: Role) -> bool:
        """Whether the role is filled."""
        return role in self.cells

    def put(self, role: Role, token: Token) -> None:
        """Fill a role (a name or a range grows; other roles keep their first token)."""
        if role in self.cells and role in (Role.NAME, Role.RANGE):
            self.cells[role] = Token(self.cells[role].words + token.words)
        else:
            self.cells.setdefault(role, token)

    @property
    def complete(self) -> bool:
        """A name and a value."""
        return Role.NAME in self.cells and Role.VALUE in self.cells


def record_row(rec: Record, page: int) -> RawRow:
    """A record as a raw table row."""
    row = RawRow(page=page, second_value=rec.second)
    for role, tok in rec.cells.items():
        row.cells[role] = list(tok.words)
    return row
