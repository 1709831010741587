"""Answer extraction and typed matchers, shared by every family.

Extraction is forgiving about form (case, spaces, a trailing period, ``\\boxed{}``,
markdown) and strict about content: an answer that names two different candidates
is wrong. Each response is read two ways:

* **strict**: the text after the last ``Answer:`` marker (or the last ``\\boxed{}``);
* **lenient**: the strict reading when there is one, else one documented fallback:
  the last number in the response for numeric types, the last ``true``/``false``
  word for booleans, and the last non-empty line for every other type. It never
  searches the response for the right answer.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from unseen.errors import AnswerFormatError
from unseen.problem import Verdict

ANSWER_TYPES = ("integer", "fraction", "decimal", "sequence", "set", "grid", "string", "boolean")
NUMERIC_TYPES = ("integer", "fraction", "decimal")

_MARKER = re.compile(r"(?:final\s+)?answer\s*(?:is)?\s*[:：]", re.IGNORECASE)
_NUMBER = re.compile(r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*/\s*\d+)?")
_OR_WORD = re.compile(r"(?:^|\s|,)(?:or|and/or)(?:\s|$)", re.IGNORECASE)
_MARKDOWN = re.compile(r"\*\*|__|`|^#+\s*|^>\s*", re.MULTILINE)


def _last_boxed(text: str) -> str | None:
    start = text.rfind("\\boxed{")
    if start < 0:
        return None
    i, depth = start + len("\\boxed{"), 1
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[i:j]
    return None


def clean(text: str) -> str:
    """Strip markdown, LaTeX wrappers, surrounding quotes and a trailing period."""
    t = _MARKDOWN.sub("", text).strip()
    boxed = _last_boxed(t)
    if boxed is not None:
        t = boxed
    t = t.replace("\\text{", "").replace("\\(", "").replace("\\)", "")
    t = t.strip().strip("$").strip()
    while t and t[-1] in ".;!":
        t = t[:-1].rstrip()
    if len(t) >= 2 and t[0] == t[-1] and t[0] in "\"'":
        t = t[1:-1].strip()
    return t


def extract_strict(text: str, answer_type: str = "string") -> str | None:
    """The answer in the requested form, or None when the response has none."""
    markers = list(_MARKER.finditer(text))
    if markers:
        rest = text[markers[-1].end():]
        if answer_type != "grid":
            lines = [ln for ln in rest.splitlines() if ln.strip()]
            rest = lines[0] if lines else ""
        out = clean(rest)
        return out or None
    boxed = _last_boxed(text)
    if boxed is not None:
        return clean(boxed) or None
    return None


def extract_lenient(text: str, answer_type: str = "string") -> str | None:
    """The strict reading, else the documented fallback for ``answer_type``."""
    strict = extract_strict(text, answer_type)
    if strict is not None:
        return strict
    if answer_type in NUMERIC_TYPES:
        numbers = _NUMBER.findall(text)
        return numbers[-1].replace(" ", "") if numbers else None
    if answer_type == "boolean":
        words = re.findall(r"\b(true|false)\b", text, re.IGNORECASE)
        return words[-1].lower() if words else None
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return clean(lines[-1]) or None if lines else None


# ---- parsing: answer string -> typed value ---------------------------------------


def _no_hedge(text: str) -> None:
    if _OR_WORD.search(text):
        raise AnswerFormatError(f"answer {text!r} names more than one candidate")


def _to_fraction(token: str) -> Fraction:
    token = token.replace("−", "-").replace(",", "").replace(" ", "")
    return Fraction(token)


def _single_number(text: str, what: str) -> Fraction:
    _no_hedge(text)
    found = {_to_fraction(m) for m in _NUMBER.findall(text)}
    if not found:
        raise AnswerFormatError(f"answer {text!r} is not {what}")
    if len(found) > 1:
        raise AnswerFormatError(f"answer {text!r} names {len(found)} different numbers")
    stripped = _NUMBER.sub("", text).strip(" =:").lower()
    if stripped and not re.fullmatch(r"[a-z ]{0,20}|[a-z]+\s*=", stripped):
        raise AnswerFormatError(f"answer {text!r} has extra text beside the number")
    return found.pop()


def _items(text: str) -> list[str]:
    t = text.strip()
    if len(t) >= 2 and t[0] + t[-1] in ("[]", "()", "{}"):
        t = t[1:-1]
    parts = [p for p in re.split(r"\s*,\s*|\s*;\s*|\s+->\s+|\s+→\s+", t)] if re.search(r"[,;]|->|→", t) \
        else t.split()
    return [clean(p).strip("\"'") for p in parts if clean(p).strip("\"'")]


def parse(answer_type: str, text: str) -> Any:
    """Read an extracted answer string as ``answer_type``; raises AnswerFormatError."""
    text = clean(text)
    if not text:
        raise AnswerFormatError("empty answer")
    if answer_type == "integer":
        value = _single_number(text, "an integer")
        if value.denominator != 1:
            raise AnswerFormatError(f"answer {text!r} is not a whole number")
        return int(value)
    if answer_type == "fraction":
        return _single_number(text, "a number")
    if answer_type == "decimal":
        return float(_single_number(text, "a number"))
    if answer_type == "sequence":
        _no_hedge(text)
        return _items(text)
    if answer_type == "set":
        _no_hedge(text)
        return sorted(set(_items(text)))
    if answer_type == "grid":
        rows = [r for r in re.split(r"\s*(?:\n|/|;|\|)\s*", text.strip("[]")) if r.strip()]
        return [[c for c in re.split(r"[\s,]+", r.strip("[] ")) if c] for r in rows]
    if answer_type == "string":
        _no_hedge(text)
        return " ".join(text.split())
    if answer_type == "boolean":
        t = text.lower()
        if t in ("true", "yes", "t"):
            return True
        if t in ("false", "no", "f"):
            return False
        raise AnswerFormatError(f"answer {text!r} is not true or false")
    raise ValueError(f"unknown answer type {answer_type!r}")


def render(answer_type: str, value: Any) -> str:
    """The canonical answer string for a typed value (what an oracle would write)."""
    if answer_type == "fraction":
        f = Fraction(value)
        return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"
    if answer_type == "decimal":
        return f"{float(value):.6g}"
    if answer_type == "sequence":
        return ", ".join(str(v) for v in value)
    if answer_type == "set":
        return ", ".join(sorted(str(v) for v in value))
    if answer_type == "grid":
        return " / ".join(" ".join(str(c) for c in row) for row in value)
    if answer_type == "boolean":
        return "true" if value else "false"
    return str(value)


# ---- typed matchers: shared by every family's check -------------------------------



def match_integer(answer: Any, expected: int) -> Verdict:
    if answer == expected and not isinstance(answer, bool):
        return Verdict(True)
    return Verdict(False, f"got {answer}, expected {expected}")


def match_fraction(answer: Any, expected: Fraction) -> Verdict:
    ok = Fraction(answer) == Fraction(expected)
    return Verdict(ok, "" if ok else f"got {answer}, expected {expected}")


def match_decimal(answer: float, expected: float, rel: float = 1e-6, abs_tol: float = 1e-9) -> Verdict:
    ok = abs(answer - expected) <= max(abs_tol, rel * abs(expected))
    return Verdict(ok, "" if ok else f"got {answer}, expected {expected} (rel tol {rel})")


def _norm(item: Any) -> str:
    return " ".join(str(item).split()).casefold()


def match_sequence(answer: list[Any], expected: list[Any]) -> Verdict:
    a, e = [_norm(x) for x in answer], [_norm(x) for x in expected]
    if a == e:
        return Verdict(True)
    if len(a) != len(e):
        return Verdict(False, f"got {len(a)} items, expected {len(e)}")
    first = next(i for i, (x, y) in enumerate(zip(a, e, strict=True)) if x != y)
    return Verdict(False, f"item {first + 1} is {answer[first]!r}, expected {expected[first]!r}")


def match_set(answer: Any, expected: Any) -> Verdict:
    a, e = {_norm(x) for x in answer}, {_norm(x) for x in expected}
    if a == e:
        return Verdict(True)
    return Verdict(False, f"missing {sorted(e - a)}, extra {sorted(a - e)}")


def match_grid(answer: list[list[Any]], expected: list[list[Any]]) -> Verdict:
    a = [[_norm(c) for c in row] for row in answer]
    e = [[_norm(c) for c in row] for row in expected]
    ok = a == e
    return Verdict(ok, "" if ok else "grid differs")


def match_string(answer: Any, expected: str) -> Verdict:
    ok = _norm(answer) == _norm(expected)
    return Verdict(ok, "" if ok else f"got {answer!r}, expected {expected!r}")
