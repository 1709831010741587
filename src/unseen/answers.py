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
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from unseen.errors import AnswerFormatError
from unseen.notation import NUMERIC_TYPES, normalise
from unseen.problem import Verdict
from unseen.resolve import HEDGE, QUALIFIER, lenient_fallback, resolve, strip_reasoning

ANSWER_TYPES = ("integer", "fraction", "decimal", "sequence", "set", "grid", "string", "boolean")

_NUMBER = re.compile(r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*/\s*\d+)?")
_OR_WORD = re.compile(r"(?:^|\s|,)(?:or|and/or)(?:\s|$)", re.IGNORECASE)
_NEGATION = re.compile(r"(?:^|[\s,;(])(?:not|never|except|isn't|is\s+not)(?=$|[\s,;.:!?)])", re.IGNORECASE)
MAX_ITEMS = 1000  # no label lists more; a looping model's list is not read item by item
MAX_NUMBER_CHARS = 400  # no label is that long; longer numbers (a looping model) are not read
_EMPTY = {"none", "nobody", "no one", "nothing", "empty", "[]", "{}", "()", "∅", "(none)", "no names",
          "empty list", "the empty list", "empty set", "the empty set"}


def clean(text: str) -> str:
    """Strip markdown, LaTeX wrappers, surrounding quotes and a trailing period."""
    return _tidy(normalise(text.strip(), "grid" if "\n" in text.strip() else "string"))


@dataclass(frozen=True)
class Reading:
    """One response read once: the strict and lenient answers (normalised, None when there is
    none) and why each does not commit to one exact value (None when it does)."""

    strict: str | None
    lenient: str | None
    strict_uncommitted: str | None
    lenient_uncommitted: str | None


def read(text: str, answer_type: str = "string") -> Reading:
    """Resolve ``text`` once (``unseen.resolve``) and read both modes from that resolution.

    Strict: the answer after the final marker; it is uncommitted when the text after the
    marker hedges or corrects itself, or the answer qualifies its value. Lenient: the
    strict reading when there is one, else the documented fallback, with the same checks
    on the sentence the fallback read."""
    r = resolve(text, answer_type)
    if r.answer is not None:
        strict = _tidy(normalise(r.answer, answer_type)) or None
        why = _uncommitted(r.answer, r.tail, answer_type)
        if strict is not None:
            return Reading(strict, strict, why, why)
        found, _ = lenient_fallback(text, answer_type)  # a marker with nothing readable after it
        lenient = (_tidy(normalise(found, answer_type)) or None) if found is not None else None
        return Reading(None, lenient, why, why)
    found, sentence = lenient_fallback(text, answer_type)
    if found is None:
        return Reading(None, None, None, None)
    lenient = _tidy(normalise(found, answer_type)) or None
    why = _fallback_uncommitted(text, sentence, answer_type)
    return Reading(None, lenient, None, why)


def extract_strict(text: str, answer_type: str = "string") -> str | None:
    """The answer after the final marker, normalised; None without one."""
    return read(text, answer_type).strict


def extract_lenient(text: str, answer_type: str = "string") -> str | None:
    """The strict reading, else the documented fallback for ``answer_type``."""
    return read(text, answer_type).lenient


def commitment(text: str, answer_type: str, strict: bool) -> str | None:
    """Why the response does not commit to one exact answer in that mode (None when it does)."""
    reading = read(text, answer_type)
    return reading.strict_uncommitted if strict else reading.lenient_uncommitted


def _uncommitted(answer: str, tail: str, answer_type: str) -> str | None:
    """A hedge or correction anywhere in ``tail``, or a qualifier in ``answer``."""
    hedge = HEDGE.search(re.sub(r"\\text\{([^{}]*)\}", r"\1", tail))
    if hedge:
        return f"hedges ({hedge.group(0).strip(' ,;(')!r})"
    qualifier = (QUALIFIER if answer_type in NUMERIC_TYPES + ("boolean",) else _NEGATION).search(answer)
    if qualifier:
        return f"qualifies the value ({qualifier.group(0).strip(' ,;(')!r})"
    return None


def _fallback_uncommitted(text: str, sentence: str, answer_type: str) -> str | None:
    if answer_type == "boolean":  # with no marker, naming both truth values commits to neither
        words = {w.lower() for w in re.findall(r"\b(true|false)\b", strip_reasoning(text), re.IGNORECASE)}
        if len(words) > 1:
            return "names both true and false"
        conditional = re.search(r"\b(?:when|if|unless|only if|provided)\b", sentence, re.IGNORECASE)
        if conditional:
            return f"states a condition, not a value ({conditional.group(0)!r})"
    return _uncommitted(sentence, sentence, answer_type)


def _tidy(t: str) -> str:
    t = t.strip()
    while t and t[-1] in ".;!":
        t = t[:-1].rstrip()
    if len(t) >= 2 and t[0] == t[-1] and t[0] in "\"'":
        t = t[1:-1].strip()
    return t


def _no_hedge(text: str) -> None:
    if _OR_WORD.search(text):
        raise AnswerFormatError(f"answer {text!r} names more than one candidate")


def _to_fraction(token: str) -> Fraction:
    token = token.replace("−", "-").replace(",", "").replace(" ", "")
    if len(token) > MAX_NUMBER_CHARS:
        raise AnswerFormatError(f"a number of {len(token)} characters is not read")
    try:
        return Fraction(token)
    except ZeroDivisionError:
        raise AnswerFormatError(f"answer {token!r} divides by zero") from None
    except ValueError as exc:
        raise AnswerFormatError(f"answer {token[:40]!r} is not a number: {exc}") from None


def _single_number(text: str, what: str) -> Fraction:
    _no_hedge(text)
    found = {_to_fraction(m) for m in _NUMBER.findall(text)}
    if not found:
        raise AnswerFormatError(f"answer {text!r} is not {what}")
    if len(found) > 1:
        raise AnswerFormatError(f"answer {text!r} names {len(found)} different numbers")
    stripped = _NUMBER.sub("", text).strip(" =:").lower()
    if stripped and not re.fullmatch(r"[a-z ,]{0,30}|[a-z]+\s*=", stripped):
        raise AnswerFormatError(f"answer {text!r} has extra text beside the number")
    return found.pop()


def _items(text: str) -> list[str]:
    t = text.strip()
    if t.casefold() in _EMPTY:
        return ["none"]
    if len(t) >= 2 and t[0] + t[-1] in ("[]", "()", "{}"):
        t = t[1:-1]
    t = re.sub(r"(?:,\s*|\s+)(?:and|&)\s+", ", ", t, flags=re.IGNORECASE)  # "A, B, and C", "A and C"
    parts = [p for p in re.split(r"\s*,\s*|\s*;\s*|\s+->\s+|\s+→\s+", t)] if re.search(r"[,;]|->|→", t) \
        else t.split()
    if len(parts) > MAX_ITEMS:
        raise AnswerFormatError(f"a list of {len(parts)} items is not read (no answer is that long)")
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
        if re.match(r"\s*\[\s*\[", text):  # [[1, 2], [3, 4]]
            return [[c for c in re.split(r"[\s,]+", r.strip()) if c] for r in re.findall(r"\[([^\[\]]*)\]", text)]
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
