"""The prompt's answer sentence, owned by the answer type.

Every family ends its prompt with ``answer_form(answer_type, giving, ...)``, so the form
a prompt asks for is always a form ``unseen.answers.parse`` reads: the type decides the
placeholder, how numbers, lists, grids and empty answers are written; the family only
says *what* is asked (``giving``) and, where it helps, an example.

For example ``answer_form("set", "their names", empty="there are none")`` gives
"End with a final line `Answer: ...` giving their names separated by commas, in any
order, or `Answer: none` if there are none."
"""

from __future__ import annotations

import functools
import itertools
import re

from unseen.answers import ANSWER_TYPES

_PLACEHOLDER = {"integer": "N", "fraction": "a/b", "decimal": "x"}
_WRITTEN = {
    "integer": "written as a whole number in digits (with a leading minus sign if it is negative)",
    "fraction": "written as a reduced fraction a/b (or as a whole number, such as 0 or 1, when it is one)",
    "decimal": "written as a decimal number in digits",
}


def answer_form(answer_type: str, giving: str = "", *, placeholder: str | None = None,
                example: str | None = None, example_of: str | None = None, empty: str | None = None) -> str:
    """The final sentence of a prompt: how to write the answer of ``answer_type``.

    ``giving``: what the answer is ("the number of apples"); ``placeholder``: the form in
    the backticks where the type's default (``N``, ``a/b``, ``...``) does not fit (a date's
    ``YYYY-MM-DD``); ``example``: a well-formed answer to show; ``empty``: for sequences and
    sets, when ``Answer: none`` is the answer ("there are none"); ``example_of``: what the
    example is of, when it is not an answer to this prompt ("a 2 by 2 grid"). Raises ValueError for
    an unknown answer type or a missing ``giving``.
    """
    if answer_type not in ANSWER_TYPES:
        raise ValueError(f"unknown answer type {answer_type!r}; one of {', '.join(ANSWER_TYPES)}")
    if answer_type == "boolean":
        return "End with a final line `Answer: true` or `Answer: false`."
    if not giving:
        raise ValueError(f"answer_form({answer_type!r}) needs what the answer gives")
    if answer_type in _PLACEHOLDER:
        ph = placeholder or _PLACEHOLDER[answer_type]
        text = f"End with a final line `Answer: {ph}`, where {ph} is {giving}, {_WRITTEN[answer_type]}"
    elif answer_type == "sequence":
        text = f"End with a final line `Answer: ...` giving {giving} in order, separated by commas"
    elif answer_type == "set":
        text = f"End with a final line `Answer: ...` giving {giving} separated by commas, in any order"
    elif answer_type == "grid":
        text = (f"End with a final line `Answer: ...` giving {giving} row by row from the top, rows separated "
                "by ' / ' and the entries within a row by single spaces")
    else:  # string
        text = f"End with a final line `Answer: {placeholder or '...'}` giving {giving}"
    if empty is not None:
        text += f", or `Answer: none` if {empty}"
    if example is not None and example_of:
        text += f" ({example_of} would be written `Answer: {example}`)"
    elif example is not None:
        text += f" (for example `Answer: {example}`)"
    return text + "."


_SLOTS = {"giving": "QQGIVINGQQ", "placeholder": "QQPLACEQQ", "example": "QQEXAMPLEQQ",
          "example_of": "QQEXOFQQ", "empty": "QQEMPTYQQ"}
_SLOT_RE = {"QQGIVINGQQ": ".+?", "QQPLACEQQ": "[^`]+", "QQEXAMPLEQQ": "[^`]*", "QQEXOFQQ": ".+?", "QQEMPTYQQ": ".+?"}


@functools.cache
def sentence_pattern(answer_type: str) -> re.Pattern[str]:
    """A pattern matching any sentence ``answer_form(answer_type, ...)`` writes (whatever
    ``giving`` and the options), anchored at the end of a text: ``search(prompt)`` is true
    when the prompt ends with the type's answer sentence. Raises ValueError for an unknown type."""
    if answer_type not in ANSWER_TYPES:
        raise ValueError(f"unknown answer type {answer_type!r}; one of {', '.join(ANSWER_TYPES)}")
    variants = set()
    for placeholder, empty, example in itertools.product(
            (None, _SLOTS["placeholder"]), (None, _SLOTS["empty"]),
            ((None, None), (_SLOTS["example"], None), (_SLOTS["example"], _SLOTS["example_of"]))):
        text = answer_form(answer_type, _SLOTS["giving"], placeholder=placeholder, empty=empty,
                           example=example[0], example_of=example[1])
        pattern = re.escape(text)
        for slot, rx in _SLOT_RE.items():
            pattern = pattern.replace(slot, rx)
        variants.add(pattern)
    return re.compile("(?:" + "|".join(sorted(variants)) + r")\s*\Z", re.S)


def ends_with_answer_sentence(prompt: str, answer_type: str) -> bool:
    """Whether ``prompt`` ends with a sentence ``answer_form(answer_type, ...)`` wrote."""
    return sentence_pattern(answer_type).search(prompt) is not None
