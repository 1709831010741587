"""Final-answer resolution: from a model's whole response to the one answer it committed to.

The rule, the same for every answer type (README, "Scoring"):

1. **Reasoning is set aside.** ``<think>...</think>``, ``<thinking>...</thinking>`` and
   ``<reasoning>...</reasoning>`` blocks are removed (an unclosed block runs to the end;
   a closing tag with no opening one ends a block that began with the response). A
   separate ``reasoning_content`` field never reaches this module. Neither is scored.
2. **The last final-answer marker wins**, of any kind: ``Answer:`` in its markdown
   variants (``**Answer:**``, ``**Answer**:``, ``*Answer:*``, ``Final answer:``,
   ``The answer is:``, ``## Answer``) or ``\\boxed{...}``, whichever stands last.
3. **The answer** is what follows the marker to the end of its line, or the next
   non-empty line when the marker stands alone (for grids: the following rows up to a
   blank line); for ``\\boxed{}`` its content. Code fences around it are ignored.
4. **Commitment.** Everything after the marker (the answer and any trailing text) is the
   *tail*. A tail that hedges (``or``, ``possibly``, ``maybe``, ``either``, ``not sure``,
   ...) or qualifies the value (``not``, ``at least``, ``less than``, ``approximately``,
   ``between``, ``≈``, ``>=``, ...) makes the response *uncommitted*: wrong in both modes.

The lenient fallback (no marker at all) reads the last number (numeric types), the last
``true``/``false`` (booleans) or the last non-empty line (others), and applies the same
commitment rule to the sentence it came from. It never searches for the right answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unseen.notation import NUMERIC_TYPES

_REASONING = re.compile(r"<(think|thinking|reasoning)>.*?(?:</\1>|\Z)", re.IGNORECASE | re.DOTALL)
_OPEN_TAG = re.compile(r"<(?:think|thinking|reasoning)>", re.IGNORECASE)
_CLOSE_TAG = re.compile(r"</(?:think|thinking|reasoning)>", re.IGNORECASE)
_FENCE = re.compile(r"^[ \t]*```[\w-]*[ \t]*$", re.MULTILINE)
# `Answer:` with markdown emphasis around the word and/or the colon; "final answer",
# "the (final) answer is:"; a markdown heading "## Answer" or "**Answer**" alone on its line.
_MARKER = re.compile(
    r"(?:^|(?<=[\s>*_(\[`\"'|“‘]))(?:[*_]{1,3})?(?:the\s+)?(?:final\s+)?answer(?:\s+is)?(?:[*_]{1,3})?\s*[:：]"
    r"(?:[*_]{1,3})?"
    r"|^[ \t]*#{1,6}[ \t]*(?:final\s+)?answer[ \t]*:?[ \t]*$"
    r"|^[ \t]*(?:\*\*|__)(?:final\s+)?answer(?:\*\*|__)[ \t]*$",
    re.IGNORECASE | re.MULTILINE)
_BOXED = "\\boxed{"

HEDGE = re.compile(
    r"(?:^|[\s,;(])(?:or|and/or|either|possibly|maybe|perhaps|probably|likely|alternatively|otherwise|might|"
    r"could\s+be|not\s+sure|unsure|uncertain|i\s+think|i\s+guess|i\s+believe|unclear|presumably|unless|"
    r"seems?|if\s+i|"
    # a correction after the final answer: the answer is not final
    r"actually|wait|correction|corrected|instead|mistake|oops|wrong|incorrect|not\s+right|should\s+be|"
    r"rather|recount\w*|recalculat\w*|re-?comput\w*|re-?check\w*|scratch\s+that|i\s+mean|sorry)"
    r"(?=$|[\s,;.:!?)—-])", re.IGNORECASE)
QUALIFIER = re.compile(
    r"(?:^|[\s,;(])(?:not|no\s+more\s+than|no\s+less\s+than|at\s+least|at\s+most|less\s+than|more\s+than|"
    r"greater\s+than|fewer\s+than|smaller\s+than|larger\s+than|bigger\s+than|under|over|above|below|"
    r"approximately|approx\.?|about|around|roughly|nearly|almost|circa|close\s+to|up\s+to|between|"
    r"isn't|is\s+not|aren't|never|except|minimum|maximum|min|max|tops|upwards|near|\w+ish|or\s+so|"
    r"million|billion|trillion|thousand|hundred|wrong)(?=$|[\s,;.:!?)])"
    r"|[≈≤≥<>~]|[<>!]=|\+/-|±", re.IGNORECASE)


@dataclass(frozen=True)
class Resolved:
    """What a response committed to.

    ``answer``: the answer text after the final marker (None when there is none);
    ``tail``: everything from the marker to the end (the commitment check reads it).
    """

    answer: str | None
    tail: str


def strip_reasoning(text: str) -> str:
    """The response without its reasoning blocks (rule 1)."""
    close = _CLOSE_TAG.search(text)
    if close and not _OPEN_TAG.search(text, 0, close.start()):  # the block began with the response
        text = text[close.end():]
    return _REASONING.sub("", text)


def _boxed_spans(text: str) -> tuple[int, int, int] | None:
    """(start of ``\\boxed{``, start of content, end of content) of the last box."""
    start = text.rfind(_BOXED)
    if start < 0:
        return None
    i, depth = start + len(_BOXED), 1
    for j in range(i, min(len(text), i + 10_000)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return start, i, j
    return None


def _after_marker(rest: str, answer_type: str) -> str:
    """Rule 3: the marker's line, or the next non-empty line (grid: rows to a blank line)."""
    lines = rest.split("\n")
    first = lines[0].strip()
    if answer_type == "grid":  # rows of one width; a line of another width (a sentence) ends it
        rows = [first] if first else []
        width = len(re.split(r"[\s,]+", first.strip("[] "))) if first else 0
        for ln in lines[1:]:
            if not ln.strip():
                if rows:
                    break
                continue
            cells = len(re.split(r"[\s,]+", ln.strip().strip("[] ")))
            if rows and (cells != width or ln.strip()[-1:] in ".!?:"):
                break
            if not rows:
                width = cells
            rows.append(ln.strip())
        return "\n".join(rows)
    if answer_type in ("sequence", "set"):  # a list may wrap, or stand one item a line
        block: list[str] = [first] if first else []
        for ln in lines[1:]:
            if not ln.strip():
                if block:
                    break
                continue
            if block and not (first == "" or block[-1].rstrip().endswith(",")):
                break
            block.append(ln.strip())
        items = [re.sub(r"^(?:[-*•]\s+|\d+[.)]\s+)", "", b) for b in block]
        return ", ".join(i.rstrip(",").strip() for i in items if i.strip(", "))
    if first:
        return _unbullet(first)
    for ln in lines[1:]:
        if ln.strip():
            return _unbullet(ln.strip())
    return ""


def _unbullet(line: str) -> str:
    """A markdown bullet or block quote before the answer is not part of it ("- 5" is 5)."""
    return re.sub(r"^(?:[-*•>]\s+)", "", line)


def resolve(text: str, answer_type: str = "string") -> Resolved:
    """Apply rules 1-3 to ``text``; see the module docstring."""
    body = _FENCE.sub("", strip_reasoning(text))
    marks = list(_MARKER.finditer(body))
    box = _boxed_spans(body)
    last_mark = marks[-1] if marks else None
    if box is not None and (last_mark is None or box[0] >= last_mark.start()):
        start, i, j = box
        inner = body[i:j]  # "Answer: \boxed{5}" reads as the box too
        return Resolved(inner.strip() or None, inner + body[j + 1:])
    if last_mark is None:
        return Resolved(None, "")
    rest = body[last_mark.end():]
    answer = _after_marker(rest, answer_type)
    inner_box = _boxed_spans(answer) if answer_type != "grid" else None
    if inner_box is not None:
        answer = answer[inner_box[1]:inner_box[2]]
    return Resolved(answer or None, rest)


_NUMBER = re.compile(r"[-+−–]?\d[\d,]*(?:\.\d+)?(?:\s*/\s*\d+)?")


def lenient_fallback(text: str, answer_type: str) -> tuple[str | None, str]:
    """(answer, the sentence it came from) by the documented fallback, without a marker.

    Numbers and truth values are read from the response's last sentence only (its
    conclusion): a number met earlier, in working that never reaches a conclusion, is not
    an answer."""
    body = _FENCE.sub("", strip_reasoning(text)).rstrip()[-200_000:]
    if answer_type in NUMERIC_TYPES + ("boolean",):
        body = re.split(r"\n|(?<=[.!?])\s+(?=[A-Z(])", body)[-1]
    if answer_type in NUMERIC_TYPES:
        found = list(_NUMBER.finditer(body[-200_000:]))
        if not found:
            return None, ""
        m = found[-1]
        return m.group(0).replace(" ", ""), _sentence(body[-200_000:], m.start(), m.end())
    if answer_type == "boolean":
        found = list(re.finditer(r"\b(true|false)\b", body[-200_000:], re.IGNORECASE))
        if not found:
            return None, ""
        m = found[-1]
        return m.group(1).lower(), _sentence(body[-200_000:], m.start(), m.end())
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    return (lines[-1], lines[-1]) if lines else (None, "")


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [p for p in (text.find(". ", end), text.find("\n", end)) if p >= 0]
    return text[left:min(stops) if stops else len(text)]
