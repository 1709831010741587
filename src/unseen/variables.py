"""Typed control variables: IntRange, Choice and Flag.

Each variable is declared once per family and knows its domain, its *base* value
(used when it is not being varied), its *simplest* end (used by shrinking), its sweep
levels (used by one-at-a-time designs) and its role: ``logic`` changes the reasoning a
task needs, ``surface`` only changes how the task is told.

A variable declared wrongly (a base, simplest end or level outside its domain, an unknown
role) does not raise where it is written: it keeps what is wrong in ``flaw`` ("what; the
fix"), and its family refuses it when it is declared (``FamilyDeclarationError`` naming the
family, the variable and the fix).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

from unseen.errors import UsageError

Role = Literal["logic", "surface"]
ROLES = ("logic", "surface")


def _role_flaw(role: str) -> str:
    if role in ROLES:
        return ""
    return (f"role={role!r} is not 'logic' or 'surface'; use role='logic' (it changes the reasoning) or "
            "role='surface' (it only changes the telling)")


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


@dataclass(frozen=True)
class IntRange:
    """An ordered integer variable on ``lo..hi`` inclusive."""

    lo: int
    hi: int
    base: int
    levels: tuple[int, ...] = ()
    simplest: int | None = None
    role: Role = "logic"
    help: str = ""
    name: str = field(default="", compare=False)
    flaw: str = field(default="", init=False, compare=False, repr=False)
    """What is wrong with the declaration and the fix, or empty."""

    kind = "int"
    ordered = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "levels", tuple(self.levels))
        object.__setattr__(self, "flaw", self._flaw())
        if self.flaw:
            return
        if not self.levels:
            object.__setattr__(self, "levels", _default_int_levels(self.lo, self.hi, self.base))
        if self.simplest is None:
            object.__setattr__(self, "simplest", self.lo)

    def _flaw(self) -> str:
        if not (_is_int(self.lo) and _is_int(self.hi)):
            return f"IntRange({self.lo!r}, {self.hi!r}) needs whole-number bounds; write IntRange(lo, hi, base=...)"
        if self.lo > self.hi:
            return f"lo={self.lo} is above hi={self.hi}; write IntRange(lo, hi) with lo <= hi"
        within = f"{self.lo}..{self.hi}"
        if not _is_int(self.base) or not self.lo <= self.base <= self.hi:
            return f"base={self.base!r} is outside its domain {within}; set base to a whole number in {within}"
        if self.simplest is not None and (not _is_int(self.simplest) or not self.lo <= self.simplest <= self.hi):
            return f"simplest={self.simplest!r} is outside its domain {within}; set simplest in {within}"
        bad = [v for v in self.levels if not _is_int(v) or not self.lo <= v <= self.hi]
        if bad:
            return f"level {bad[0]!r} is outside its domain {within}; list only levels in {within}"
        return _role_flaw(self.role)

    @property
    def domain(self) -> list[int]:
        return list(range(self.lo, self.hi + 1))

    @property
    def size(self) -> int:
        return self.hi - self.lo + 1

    def describe_domain(self) -> str:
        return f"{self.lo}..{self.hi}"

    def validate(self, value: Any, family: str = "") -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, str):
                return self.parse(value, family)
            raise UsageError(
                f"{self.name}={value!r} is not an integer for family {family} "
                f"(allowed {self.describe_domain()})"
            )
        if not self.lo <= value <= self.hi:
            side = "below the minimum" if value < self.lo else "above the maximum"
            raise UsageError(
                f"{self.name}={value} is {side} of family {family} "
                f"(allowed {self.describe_domain()}); pick a value in that range"
            )
        return value

    def parse(self, text: str, family: str = "") -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise UsageError(
                f"{self.name}={text!r} is not an integer for family {family} "
                f"(allowed {self.describe_domain()})"
            ) from None
        return self.validate(value, family)

    def rank(self, value: int) -> int:
        """Position of ``value`` along the order, 0 at ``lo``."""
        return value - self.lo

    def step_toward_simplest(self, value: int) -> int | None:
        """The next value one step closer to ``simplest``, or None if already there."""
        if value == self.simplest:
            return None
        return value - 1 if value > self.simplest else value + 1

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "kind": self.kind, "role": self.role, "ordered": True,
            "domain": [self.lo, self.hi], "base": self.base, "simplest": self.simplest,
            "levels": list(self.levels), "help": self.help,
        }


def _default_int_levels(lo: int, hi: int, base: int) -> tuple[int, ...]:
    if hi - lo < 5:
        return tuple(range(lo, hi + 1))
    picks = {lo, hi, base, (lo + hi) // 2, lo + (hi - lo) // 4, lo + 3 * (hi - lo) // 4}
    return tuple(sorted(picks))


@dataclass(frozen=True)
class Choice:
    """A choice among named options; ``ordered=True`` when the options form a scale."""

    options: tuple[Any, ...]
    base: Any
    ordered: bool = False
    levels: tuple[Any, ...] = ()
    simplest: Any = None
    role: Role = "logic"
    help: str = ""
    name: str = field(default="", compare=False)
    flaw: str = field(default="", init=False, compare=False, repr=False)
    """What is wrong with the declaration and the fix, or empty."""

    kind = "choice"

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", tuple(self.options))
        object.__setattr__(self, "levels", tuple(self.levels))
        object.__setattr__(self, "flaw", self._flaw())
        if self.flaw:
            return
        if not self.levels:
            object.__setattr__(self, "levels", self.options)
        if self.simplest is None:
            object.__setattr__(self, "simplest", self.options[0])

    def _flaw(self) -> str:
        if not self.options:
            return "options are empty; give Choice at least one option"
        try:
            repeated = len(set(self.options)) != len(self.options)
        except TypeError:
            return f"options {self.options!r} are not all hashable; use strings, numbers or booleans"
        if repeated:
            return f"options {self.options!r} repeat a value; give each option once"
        if self.base not in self.options:
            return f"base={self.base!r} is not one of its options {self.options!r}; set base to one of them"
        if self.simplest is not None and self.simplest not in self.options:
            return f"simplest={self.simplest!r} is not one of its options {self.options!r}; set it to one of them"
        bad = [v for v in self.levels if v not in self.options]
        if bad:
            return f"level {bad[0]!r} is not one of its options {self.options!r}; list only options as levels"
        return _role_flaw(self.role)

    @property
    def domain(self) -> list[Any]:
        return list(self.options)

    @property
    def size(self) -> int:
        return len(self.options)

    def describe_domain(self) -> str:
        return ", ".join(str(o) for o in self.options)

    def validate(self, value: Any, family: str = "") -> Any:
        if value in self.options:
            return value
        if isinstance(value, str):
            return self.parse(value, family)
        raise UsageError(
            f"{self.name}={value!r} is not an option of family {family} "
            f"(allowed {self.describe_domain()})"
        )

    def parse(self, text: str, family: str = "") -> Any:
        t = text.strip()
        for option in self.options:
            if str(option) == t:
                return option
        raise UsageError(
            f"{self.name}={t!r} is not an option of family {family} "
            f"(allowed {self.describe_domain()})"
        )

    def rank(self, value: Any) -> int:
        return self.options.index(value)

    def step_toward_simplest(self, value: Any) -> Any | None:
        if value == self.simplest:
            return None
        if not self.ordered:
            return self.simplest
        i, j = self.options.index(value), self.options.index(self.simplest)
        return self.options[i - 1] if i > j else self.options[i + 1]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "kind": self.kind, "role": self.role, "ordered": self.ordered,
            "domain": list(self.options), "base": self.base, "simplest": self.simplest,
            "levels": list(self.levels), "help": self.help,
        }


@dataclass(frozen=True)
class Flag:
    """A yes/no variable; ``simplest`` is False unless stated."""

    base: bool = False
    simplest: bool = False
    role: Role = "logic"
    help: str = ""
    name: str = field(default="", compare=False)
    flaw: str = field(default="", init=False, compare=False, repr=False)
    """What is wrong with the declaration and the fix, or empty."""

    kind = "flag"
    ordered = True

    def __post_init__(self) -> None:
        for attr in ("base", "simplest"):
            if not isinstance(getattr(self, attr), bool):
                object.__setattr__(self, "flaw", f"{attr}={getattr(self, attr)!r} is not a bool; use True or False")
                return
        object.__setattr__(self, "flaw", _role_flaw(self.role))

    @property
    def levels(self) -> tuple[bool, ...]:
        return (False, True)

    @property
    def domain(self) -> list[bool]:
        return [False, True]

    @property
    def size(self) -> int:
        return 2

    def describe_domain(self) -> str:
        return "true, false"

    def validate(self, value: Any, family: str = "") -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            return self.parse(value, family)
        raise UsageError(f"{self.name}={value!r} is not a flag of family {family} (allowed true, false)")

    def parse(self, text: str, family: str = "") -> bool:
        t = text.strip().lower()
        if t in ("true", "1", "yes", "on"):
            return True
        if t in ("false", "0", "no", "off"):
            return False
        raise UsageError(f"{self.name}={text!r} is not a flag of family {family} (allowed true, false)")

    def rank(self, value: bool) -> int:
        return int(value)

    def step_toward_simplest(self, value: bool) -> bool | None:
        return None if value == self.simplest else self.simplest

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name, "kind": self.kind, "role": self.role, "ordered": True,
            "domain": [False, True], "base": self.base, "simplest": self.simplest,
            "levels": [False, True], "help": self.help,
        }


Variable = IntRange | Choice | Flag


def state_space_size(variables: dict[str, Variable]) -> int:
    """Number of distinct settings: the product of every variable's domain size."""
    return math.prod(v.size for v in variables.values())
