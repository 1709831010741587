"""counting_arrangements: the multiset and conditions read back from the prompt text alone,
counted by a recursive enumeration written here, give the reference answer."""

from __future__ import annotations

import random
import re
from fractions import Fraction

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("counting_arrangements")


def read_multiset(prompt: str) -> dict[str, int]:
    shown = re.search(r"^There are \d+ \w+(?: \([^)]*\))?: (.*?)\. They are placed", prompt).group(1)
    if "×" in shown:
        return {name: int(c) for c, name in re.findall(r"(\d+) × (\w+)", shown)}
    if ": " in shown:
        return {name: int(c) for name, c in re.findall(r"(\w+): (\d+)", shown)}
    counts: dict[str, int] = {}
    for name in shown.split(", "):
        counts[name] = counts.get(name, 0) + 1
    return counts


def read_conditions(prompt: str, names: list[str]):
    """Each condition as a test on a whole row (a tuple of names)."""

    def who(phrase: str) -> str:
        found = [n for n in names if re.search(rf"\b{n}\b", phrase)]
        assert len(found) == 1, phrase
        return found[0]

    tests = []
    for line in re.findall(r"^- (.*)$", prompt, re.M):
        if m := re.fullmatch(r"(.*) and (.*) are (not )?next to each other\.", line):
            x, y, apart = who(m.group(1)), who(m.group(2)), bool(m.group(3))
            tests.append(lambda r, x=x, y=y, apart=apart: (abs(r.index(x) - r.index(y)) == 1) != apart)
        elif m := re.fullmatch(r"(.*) is somewhere to the left of (.*)\.", line):
            x, y = who(m.group(1)), who(m.group(2))
            tests.append(lambda r, x=x, y=y: r.index(x) < r.index(y))
        elif m := re.fullmatch(r"(.*) is at one of the two ends of the row\.", line):
            x = who(m.group(1))
            tests.append(lambda r, x=x: x in (r[0], r[-1]))
        elif m := re.fullmatch(r"The two (.*) are next to each other\.", line):
            x = who(m.group(1))
            tests.append(lambda r, x=x: "".join("1" if v == x else "0" for v in r).strip("0") == "11")
        elif re.fullmatch(r"No two .* are next to each other\.", line):
            tests.append(lambda r: all(a != b for a, b in zip(r, r[1:], strict=False)))
        elif m := re.fullmatch(r"Position (\d+) from the left (holds|does not hold) (.*)\.", line):
            k, x, want = int(m.group(1)) - 1, who(m.group(3)), m.group(2) == "holds"
            tests.append(lambda r, k=k, x=x, want=want: (r[k] == x) == want)
        else:
            raise AssertionError(f"unread condition {line!r}")
    return tests


def rows(left: dict[str, int]):
    """Every distinct row of the multiset, built one position at a time."""
    if not any(left.values()):
        yield ()
        return
    for name in left:
        if left[name]:
            left[name] -= 1
            for rest in rows(left):
                yield (name, *rest)
            left[name] += 1


def answer_from_prompt(prompt: str) -> str:
    counts = read_multiset(prompt)
    assert sum(counts.values()) == int(re.search(r"^There are (\d+)", prompt).group(1))
    tests = read_conditions(prompt, list(counts))
    every = list(rows(dict(counts)))
    good = sum(all(t(r) for t in tests) for r in every)
    if "What is the probability" in prompt:
        return render("fraction", Fraction(good, len(every)))
    return str(good)


def test_the_prompt_alone_gives_the_reference_answer():
    smaller = lambda r: {"length": r.choice([4, 5, 6, 7, 7, 8])}  # noqa: E731
    kinds = set()
    for params, seed, problem in random_instances(FAM, 240, 3, smaller):
        got = answer_from_prompt(problem.prompt)
        assert got == render(problem.answer_type, FAM.solve(problem)), (seed, params, problem.prompt)
        assert got != "0"
        assert verify(FAM, problem, seed).ok
        kinds |= {c[0] for c in problem.data["conditions"]}
    assert kinds == {"together", "apart", "before", "end", "at", "not_at", "block", "no_identical"}


def test_conditions_asked_are_present_when_the_singles_allow():
    for seed in range(80):
        params = {"length": 8, "repeats": 1, "together": 1, "apart": 1, "before": 1, "ends": 1, "places": 2,
                  "repeat_rule": ("none", "block", "no_identical")[seed % 3]}
        problem = FAM.generate(params, random.Random(seed))
        conds = [c[0] for c in problem.data["conditions"]]
        want = ["together", "apart", "before", "end"] + ([params["repeat_rule"]] if seed % 3 else [])
        assert set(want) <= set(conds) and sum(k in ("at", "not_at") for k in conds) == 2, (seed, conds)
        assert sorted(problem.data["counts"]) == [1] * 6 + [2]


def test_story_and_counting_leave_the_instance_unchanged():
    for seed in range(20):
        datas = {str(FAM.generate({"story": story, "counting": counting, "before": 1}, random.Random(seed)).data)
                 for story in ("letters", "books", "flags") for counting in ("listed", "counted", "tally")}
        assert len(datas) == 1


def test_checker_rejects_near_misses():
    for seed in range(40):
        problem = FAM.generate({"ask": ("count", "probability")[seed % 2], "repeats": 2}, random.Random(seed))
        misses = FAM.near_misses(problem, random.Random(seed))
        assert len(misses) >= 3
        for miss in misses:
            assert not FAM.judge_text(problem, miss), (seed, miss)
