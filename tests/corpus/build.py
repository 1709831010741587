"""Build the rule cases of the response corpus: ``python tests/corpus/build.py``.

For instances of every family (random settings, fixed seeds), each case writes the
verified reference ``R`` or a verified near miss ``W`` (which the checker rejects) in a
shape real models write, with the verdict a careful grader gives *by construction*:

* right (verdict true, in the requested form): ``R`` after every marker variant
  (``Answer:``, ``**Answer:**``, ``**Answer**:``, ``*Answer:*``, the marker alone on its
  line, ``Final answer:``, ``The answer is:``, ``\\boxed{}``), in a code fence, after a
  ``<think>`` block that reasoned towards ``W``, after a self-correction from ``W``, in
  the answer type's other notations (LaTeX fractions, thousands separators, dash
  minus, ``[...]`` lists, lists with a final "and", bracket grids, ``\\text{}``), and
  followed by a harmless closing sentence;
* wrong (verdict false): ``W`` in the same shapes; ``R`` only inside reasoning; ``R``
  then a correction to ``W``; ``R`` hedged (``R or W``, ``R`` then "(or possibly W)");
  ``R`` qualified (``not``, ``at least``, ``less than``, ``approximately``, a sign word
  that changes it); an empty answer;
* right but not in the requested form (verdict true, ``in_form`` false): ``R`` in a
  closing sentence without a marker (counted for false passes only).

Writes ``tests/corpus/rules.jsonl``: one JSON object a line with ``family``,
``problem`` (the id of the Problem, stored as JSON once in the file's first line, so a
later family version cannot change the case),
``reference``, ``response``, ``verdict``, ``in_form``, ``shape``.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from fractions import Fraction
from pathlib import Path
from random import Random

from unseen import registry
from unseen.answers import AnswerFormatError, parse
from unseen.plan import Plan
from unseen.runner import probe_label
from unseen.verify import verify

OUT = Path(__file__).with_name("rules.jsonl")
CELLS, PER_CELL, SEED = 4, 2, 20261130
THINK = ("Let me work through this step by step. First I read the data, then I compute each "
         "intermediate value: 3 + 4 = 7 and 7 * 2 = 14. ")


def notations(answer_type: str, text: str, rng: Random) -> list[tuple[str, str]]:
    """Other ways to write the same answer ``text`` (name, written form)."""
    out = [("plain", text)]
    try:
        value = parse(answer_type, text)
    except AnswerFormatError:
        return out
    if answer_type == "integer":
        if abs(value) >= 1000:
            out += [("thousands_comma", f"{value:,}"),
                    ("latex_thin_space", "$" + f"{value:,}".replace(",", "\\,") + "$"),
                    ("latex_brace_comma", f"{value:,}".replace(",", "{,}"))]
        if value < 0:
            out += [("en_dash_minus", f"–{-value}"), ("sign_word", f"negative {-value}"),
                    ("unicode_minus", f"−{-value}")]
        out += [("with_unit_words", f"{text} in total"), ("comma_then_words", f"{text}, in total"),
                ("latex_text_unit", f"{text} \\text{{ in total}}")]
    elif answer_type == "fraction":
        f = Fraction(value)
        if f.denominator != 1:
            sign = "-" if f < 0 else ""
            a, b = abs(f.numerator), f.denominator
            out += [("latex_frac", f"{sign}\\frac{{{a}}}{{{b}}}"),
                    ("latex_dfrac", f"${sign}\\dfrac{{{a}}}{{{b}}}$"),
                    ("latex_tfrac", f"\\({sign}\\tfrac{{{a}}}{{{b}}}\\)"),
                    ("spaced_slash", f"{f.numerator} / {b}")]
    elif answer_type == "boolean":
        word = "true" if value else "false"
        out += [("capitalised", word.capitalize()), ("latex_text", f"\\text{{{word}}}"), ("bold", f"**{word}**")]
    elif answer_type in ("sequence", "set"):
        items = list(value)
        if items == ["none"]:
            out += [("empty_brackets", "[]")]
        else:
            if answer_type == "set":
                items = rng.sample(items, len(items))
                out += [("shuffled", ", ".join(items))]
            out += [("brackets", "[" + ", ".join(items) + "]")]
            if len(items) >= 2:
                joiner = ", and " if len(items) > 2 else " and "
                out += [("final_and", ", ".join(items[:-1]) + joiner + items[-1])]
    elif answer_type == "grid":
        rows = value
        out += [("brackets", "[" + ", ".join("[" + ", ".join(r) + "]" for r in rows) + "]"),
                ("rows_on_lines", "\n" + "\n".join(" ".join(r) for r in rows))]
    elif answer_type == "string":
        out += [("bold", f"**{text}**"), ("code", f"`{text}`"), ("latex_text", f"\\text{{{text}}}")]
    return out


MARKERS = [
    ("answer", "Answer: {v}"), ("bold_answer_colon_in", "**Answer:** {v}"),
    ("bold_answer_colon_out", "**Answer**: {v}"), ("italic_answer", "*Answer:* {v}"),
    ("marker_alone", "**Answer:**\n{v}"), ("final_answer", "Final answer: {v}"),
    ("the_answer_is", "The answer is: {v}"), ("boxed", "\\boxed{{{v}}}"), ("boxed_math", "$\\boxed{{{v}}}$"),
    ("code_fence", "```\nAnswer: {v}\n```"), ("trailing_period", "Answer: {v}."),
]


def cases_for(fam, problem, reference: str, wrong: str, rng: Random) -> list[dict]:
    t = problem.answer_type
    grid = t == "grid"
    out: list[dict] = []

    def add(shape: str, response: str, verdict: bool, in_form: bool = True) -> None:
        out.append({"shape": shape, "response": response, "verdict": verdict, "in_form": in_form})

    for name, written in notations(t, reference, rng):
        if grid and written.startswith("\n"):
            add(f"right/{name}", THINK + "\nAnswer:" + written, True)
            continue
        add(f"right/{name}", THINK + "\nAnswer: " + written, True)
        if not grid:
            add(f"right/{name}/boxed", THINK + "\n\\boxed{" + written + "}", True)
    for marker, form in MARKERS:
        if grid and marker.startswith("boxed"):
            continue
        add(f"right/{marker}", THINK + "\n" + form.format(v=reference), True)
        add(f"wrong/{marker}", THINK + "\n" + form.format(v=wrong), False)
    add("right/after_think", f"<think>{THINK}So Answer: {wrong} ... let me recheck.</think>\nAnswer: {reference}", True)
    add("right/closing_sentence", THINK + f"\nAnswer: {reference}\n\nI hope this helps!", True)
    add("wrong/only_in_think", f"<think>{THINK}Answer: {reference}</think>", False)
    add("wrong/think_then_wrong", f"<think>{THINK}Answer: {reference}</think>\nAnswer: {wrong}", False)
    if not grid:
        fix = "\nWait, I made a mistake. Rechecking gives \\boxed{{{}}}"
        add("right/self_correction", f"Answer: {wrong}" + fix.format(reference), True)
        add("wrong/self_correction", f"Answer: {reference}" + fix.format(wrong), False)
        add("wrong/hedge_or", THINK + f"\nAnswer: {reference} or {wrong}", False)
        add("wrong/hedge_next_line", THINK + f"\nAnswer: {reference}\n(or possibly {wrong})", False)
        add("wrong/hedge_maybe", THINK + f"\nAnswer: maybe {reference}", False)
        add("wrong/negation", THINK + f"\nAnswer: not {reference}", False)
        add("right/no_marker", THINK + f"\nSo the result is {reference}.", True, in_form=False)
        add("wrong/no_marker_hedge", THINK + f"\nIt is either {reference} or {wrong}.", False)
    if t in ("integer", "fraction", "decimal"):
        for q in ("at least", "less than", "approximately", "more than", "about"):
            add(f"wrong/qualifier_{q.replace(' ', '_')}", THINK + f"\nAnswer: {q} {reference}", False)
        value = parse(t, reference)
        if value > 0:
            add("wrong/sign_word_negative", THINK + f"\nAnswer: negative {reference}", False)
            add("wrong/sign_word_minus", THINK + f"\nAnswer: minus {reference}", False)
        add("wrong/two_numbers", THINK + f"\nAnswer: {reference}, {wrong}", False)
        add("wrong/divide_by_zero", THINK + "\nAnswer: 3/0", False)
        add("wrong/zero_over_zero", THINK + "\nAnswer: 0/0", False)
        add("wrong/looping_number", THINK + "\nAnswer: " + "9" * 4400, False)
        add("wrong/between", THINK + f"\nIt lies between {reference} and {wrong}.", False)
    if t == "boolean":
        add("wrong/not_true", THINK + f"\nThe formula is not {reference}.", False)
    add("wrong/empty_answer", THINK + "\nAnswer:", False)
    for c in out:
        c.update(family=fam.name, problem=problem, reference=reference)
    return out


def build() -> list[dict]:
    names = tuple(f.name for f in registry.all_families())
    rng = random.Random(SEED)
    rows: list[dict] = []
    for item in Plan(families=names, design="random", cells=CELLS, n=PER_CELL).items(SEED):
        fam = registry.get(item.family)
        problem = fam.generate(item.params, Random(item.seed))
        ver = verify(fam, problem, item.seed)
        wrong = probe_label(problem, ver) if ver.ok else None  # the first near miss that parses
        if wrong is None:
            continue
        rows += cases_for(fam, problem, ver.reference, wrong, rng)
    return rows


def load_corpus(paths: list[Path]) -> list[dict]:
    """Cases of the corpus files that exist, with their problems resolved from the first line."""
    rows = []
    for path in paths:
        if not path.exists():
            continue
        lines = [ln for ln in path.read_text().splitlines() if ln.strip()]
        problems = json.loads(lines[0])["problems"]
        for line in lines[1:]:
            r = json.loads(line)
            rows.append(dict(r, problem=problems[r["problem"]], source=path.name))
    return rows


def write(rows: list[dict], out: Path) -> None:
    """Cases one a line; each problem once, in a first line ``{"problems": {id: problem}}``."""
    problems: dict[str, dict] = {}
    lines = []
    for r in rows:
        pid = hashlib.blake2b(r["problem"].to_json().encode(), digest_size=8).hexdigest()
        problems[pid] = json.loads(r["problem"].to_json())
        lines.append(json.dumps({**r, "problem": pid}, sort_keys=True))
    out.write_text(json.dumps({"problems": problems}, sort_keys=True) + "\n" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    rows = build()
    write(rows, OUT)
    print(f"{len(rows)} cases written to {OUT}", file=sys.stderr)
