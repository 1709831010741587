"""zebra_puzzle: a backtracking search with forward checking, written here and run on the clues
read back from the prompt, finds exactly one arrangement and the reference answer."""

from __future__ import annotations

import random
import re

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("zebra_puzzle")

_RELATIONS = [  # (pattern after "<first> is ", kind, whether the two sides swap)
    (r"immediately to the left of (.+)", "left", False), (r"immediately to the right of (.+)", "left", True),
    (r"somewhere to the left of (.+)", "before", False), (r"somewhere to the right of (.+)", "before", True),
    (r"not next to (.+)", "not_next", False), (r"next to (.+)", "next", False),
    (r"not (?:house|office|at berth) (\d+)", "not_at", False), (r"(?:house|office|at berth) (\d+)", "at", False),
    (r"not (.+)", "not_same", False), (r"(.+)", "same", False),
]
_TEST = {"same": lambda a, b: a == b, "not_same": lambda a, b: a != b, "at": lambda a, b: a == b,
         "not_at": lambda a, b: a != b, "next": lambda a, b: abs(a - b) == 1, "not_next": lambda a, b: abs(a - b) != 1,
         "left": lambda a, b: b == a + 1, "before": lambda a, b: a < b}


def read(prompt: str):
    n = int(re.match(r"(\d+) (?:houses|offices|ships) ", prompt).group(1))
    attributes = [(label, values.split(", ")) for label, values in re.findall(r"^- (\w+): (.*)$", prompt, re.M)]
    owner = {v: (label, v) for label, values in attributes for v in values}
    assert len(owner) == n * len(attributes) and all(len(vs) == n for _, vs in attributes)

    def item(phrase: str) -> tuple[str, str]:
        found = [v for v in owner if re.search(r"(?<![\w])" + re.escape(v) + r"(?![\w])", phrase)]
        assert len(found) == 1, (phrase, found)
        return owner[found[0]]

    clues = []
    for text in re.findall(r"^\d+\. (.*)\.$", prompt, re.M):
        first, rest = text.split(" is ", 1)
        for pattern, kind, swap in _RELATIONS:
            m = re.fullmatch(pattern, rest)
            if m:
                a = item(first)
                b = int(m.group(1)) if kind in ("at", "not_at") else item(m.group(1))
                clues.append((kind, b, a) if swap else (kind, a, b))
                break
    number = re.search(r"What is the (?:berth )?number of (.+)\?", prompt)
    if number:
        question = ("position", item(number.group(1)))
    else:
        label, phrase = re.search(r"Which (\w+) goes with (.+)\?", prompt).groups()
        question = ("value", item(phrase), label)
    return n, attributes, clues, question


def arrangements(n: int, attributes, clues, limit: int = 2) -> list[dict]:
    """Every item placed at a position 1..n, values of an attribute apart; up to ``limit`` solutions."""
    domains = {(label, v): set(range(1, n + 1)) for label, values in attributes for v in values}
    for kind, a, k in [c for c in clues if c[0] in ("at", "not_at")]:
        domains[a] = {k} if kind == "at" else domains[a] - {k}
    binary = [c for c in clues if c[0] not in ("at", "not_at")]
    found: list[dict] = []

    def search(dom: dict) -> None:
        if len(found) >= limit or any(not d for d in dom.values()):
            return
        open_ = [k for k, d in dom.items() if len(d) > 1]
        if not open_:
            place = {k: next(iter(d)) for k, d in dom.items()}
            if all(_TEST[kind](place[a], place[b]) for kind, a, b in binary) and \
                    all(len({place[(lb, v)] for v in vs}) == n for lb, vs in attributes):
                found.append(place)
            return
        var = min(open_, key=lambda k: len(dom[k]))
        for value in sorted(dom[var]):
            new = {k: set(d) for k, d in dom.items()}
            new[var] = {value}
            changed = [var]
            while changed:  # forward checking until nothing changes
                here = changed.pop()
                if len(new[here]) != 1:
                    continue
                (pos,) = new[here]
                for other in new:
                    if other != here and other[0] == here[0] and pos in new[other]:
                        new[other] = new[other] - {pos}
                        changed.append(other)
                for kind, a, b in binary:
                    if here in (a, b):
                        other = b if here == a else a
                        keep = {q for q in new[other] if (_TEST[kind](pos, q) if here == a else _TEST[kind](q, pos))}
                        if keep != new[other]:
                            new[other] = keep
                            changed.append(other)
            search(new)

    search(domains)
    return found


def test_the_prompt_alone_has_one_arrangement_and_the_reference_answer():
    seen = set()
    wide = lambda r: {"houses": r.randint(3, 6), "attributes": r.randint(2, 5)}  # noqa: E731
    for params, seed, problem in random_instances(FAM, 220, 11, wide):
        n, attributes, clues, question = read(problem.prompt)
        assert n == params["houses"] and len(attributes) == params["attributes"]
        found = arrangements(n, attributes, clues)
        assert len(found) == 1, (seed, params, len(found))
        place = found[0]
        if question[0] == "position":
            mine = str(place[question[1]])
        else:
            label = question[2]
            mine = next(v for lb, vs in attributes if lb == label for v in vs
                        if place[(lb, v)] == place[question[1]])
        assert mine == render(problem.answer_type, FAM.solve(problem)), (seed, params)
        result = verify(FAM, problem, seed)
        assert result.ok, (seed, params, result.reason)
        for miss in result.near_misses:
            assert not FAM.judge_text(problem, miss)
        seen.add((params["theme"], params["ask"], params["clue_kinds"]))
    assert len(seen) == 18


def test_the_clue_set_is_minimal_before_the_redundant_clues():
    """With no redundant clues, dropping any clue that is not a given leaves several arrangements."""
    for seed in range(25):
        problem = FAM.generate({"redundant": 0, "givens": 1, "houses": 4}, random.Random(seed))
        n, attributes, clues, _ = read(problem.prompt)
        assert len(arrangements(n, attributes, clues)) == 1
        for i, clue in enumerate(clues):
            if clue[0] == "at":
                continue
            assert len(arrangements(n, attributes, clues[:i] + clues[i + 1:])) == 2, (seed, clue)


def test_the_telling_leaves_the_answer_alone():
    for seed in range(25):
        answers = set()
        for theme in ("houses", "offices", "ships"):
            for phrasing in ("left", "right"):
                problem = FAM.generate({"theme": theme, "phrasing": phrasing, "order": "grouped"}, random.Random(seed))
                answers.add(FAM.solve(problem))
        assert len(answers) == 1, seed


def test_check_wants_the_forced_answer_only():
    for seed in range(20):
        problem = FAM.generate({"ask": "position"}, random.Random(seed))
        right = FAM.solve(problem)
        assert FAM.check(problem, right)
        for other in range(1, problem.data["n"] + 1):
            if other != right:
                assert not FAM.check(problem, other)
        assert not FAM.check(problem, 0) and not FAM.check(problem, problem.data["n"] + 1)
        problem = FAM.generate({"ask": "value"}, random.Random(seed))
        right = FAM.solve(problem)
        assert FAM.judge_text(problem, right.upper())
        assert not FAM.judge_text(problem, "zebra")


def test_the_question_is_never_answered_by_a_single_clue():
    for params, seed, problem in random_instances(FAM, 120, 4):
        n, attributes, clues, question = read(problem.prompt)
        if question[0] == "position":
            assert not any(kind == "at" and a == question[1] for kind, a, _ in clues), (seed, params)
        else:
            label = question[2]
            assert not any(kind == "same" and question[1] in (a, b) and label in (a[0], b[0])
                           for kind, a, b in clues), (seed, params)
