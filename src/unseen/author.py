"""The family author's kit: everything a family needs, in one namespace.

Every built-in family imports from here, and so should a plugin::

    from unseen.author import AnswerType, IntRange, Choice, Params, Problem, family, match_integer

* **Declaring**: ``family`` (the class decorator), the variable types ``IntRange``,
  ``Choice`` and ``Flag`` (each with a ``role``: ``logic`` or ``surface``), ``Params``.
* **Building**: ``Problem`` (prompt, JSON-serialisable data, answer type, params) and
  ``AnswerType``, which says what Python value ``check`` receives for each type and
  writes the prompt's final answer sentence (``AnswerType.INTEGER.sentence("the
  count")``).
* **Judging**: ``Verdict``, ``RIGHT``, ``wrong`` and the typed matchers
  (``match_integer`` ... ``match_string``), which compare a parsed answer with the
  expected value by the type's rules (case and spacing of list items ignored).
* **Near misses**: ``distinct``, ``hedge``, ``off_by``, ``swap_one``,
  ``sequence_misses``: wrong answers, as answer strings, that ``check`` must reject.
* **Names**: ``letter(i)`` (A, B, ... without the placeholders N, X and Y, then AA, AB,
  ...) and ``TOWNS`` (30 town names), for things a prompt names.
* **Errors**: ``AnswerFormatError`` (an answer string that does not read as its type),
  ``FamilyDeclarationError`` (a family declared wrongly, raised where it is declared).
* **Checking**: ``check_family(family_or_name, n=50, seed=0) -> CheckReport``, the whole
  contract ``unseen check`` runs, for a plugin's own tests (``assert report.ok, report``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from unseen.answers import (
    match_decimal,
    match_fraction,
    match_grid,
    match_integer,
    match_sequence,
    match_set,
    match_string,
    parse,
    render,
)
from unseen.checking import CheckReport, CheckRow, check_family
from unseen.errors import AnswerFormatError, FamilyDeclarationError
from unseen.family import Family, Params, family
from unseen.forms import answer_form, ends_with_answer_sentence
from unseen.labels import TOWNS, letter
from unseen.nearmiss import distinct, hedge, off_by, sequence_misses, swap_one
from unseen.problem import RIGHT, Problem, Verdict, wrong
from unseen.variables import Choice, Flag, IntRange


class AnswerType(StrEnum):
    """How an answer is written and read. A member *is* its string (``"integer"``), so a
    Problem may carry either. ``check`` receives, after the ``Answer:`` line is parsed:

    * ``INTEGER``: ``int`` (one whole number; ``1,234`` and ``−5`` read);
    * ``FRACTION``: ``fractions.Fraction`` (``3/4``, ``0.75`` and ``1`` all read);
    * ``DECIMAL``: ``float``;
    * ``SEQUENCE``: ``list[str]``, in the order written (items split on commas,
      semicolons or arrows, else on spaces);
    * ``SET``: ``list[str]``, sorted, duplicates removed;
    * ``GRID``: ``list[list[str]]``, rows (split on `` / ``, newlines, ``;`` or ``|``) of
      cells (split on spaces or commas);
    * ``STRING``: ``str`` with runs of white space collapsed;
    * ``BOOLEAN``: ``bool`` (``true``/``false``, ``yes``/``no``).

    An answer that names two candidates ("3 or 4") never reaches ``check``: it is wrong.
    """

    INTEGER = "integer"
    FRACTION = "fraction"
    DECIMAL = "decimal"
    SEQUENCE = "sequence"
    SET = "set"
    GRID = "grid"
    STRING = "string"
    BOOLEAN = "boolean"

    def sentence(self, giving: str = "", **how: Any) -> str:
        """The prompt's final sentence asking for this type (see ``unseen.forms.answer_form``
        for ``placeholder``, ``example``, ``example_of`` and ``empty``); raises ValueError
        when ``giving`` (what the answer is) is missing for a type that needs it."""
        return answer_form(self.value, giving, **how)

    def ends(self, prompt: str) -> bool:
        """Whether ``prompt`` ends with this type's answer sentence (what ``unseen check``
        asks of every prompt)."""
        return ends_with_answer_sentence(prompt, self.value)

    def parse(self, text: str) -> Any:
        """Read an extracted answer string; raises ``unseen.errors.AnswerFormatError``."""
        return parse(self.value, text)

    def render(self, value: Any) -> str:
        """The canonical answer string of a value (what ``Answer:`` should be followed by)."""
        return render(self.value, value)


__all__ = [
    "RIGHT", "TOWNS", "AnswerFormatError", "AnswerType", "CheckReport", "CheckRow", "Choice", "Family",
    "FamilyDeclarationError", "Flag", "IntRange", "Params", "Problem", "Verdict", "check_family", "distinct",
    "family", "hedge", "letter", "match_decimal", "match_fraction", "match_grid", "match_integer", "match_sequence",
    "match_set", "match_string", "off_by", "sequence_misses", "swap_one", "wrong",
]
