"""ordering: every permutation of the people read back from the prompt (any of four languages) is
tried against the statements; exactly one fits, and it gives the reference answer."""

from __future__ import annotations

import itertools
import random
import re

from families import random_instances
from unseen import registry
from unseen.answers import render
from unseen.verify import verify

FAM = registry.get("ordering")

# "x <phrase> y" meaning x ranks above y (taller, older, faster) or below it, negated forms included
_ABOVE = {
    "en": ["is taller than", "is older than", "runs faster than", "is not shorter than", "is not younger than",
           "does not run slower than"],
    "fr": ["est plus grand que", "est plus grande que", "est plus âgé que", "est plus âgée que", "court plus vite que",
           "n'est pas plus petit que", "n'est pas plus petite que", "n'est pas plus jeune que",
           "ne court pas moins vite que"],
    "es": ["es más alto que", "es más alta que", "es mayor que", "corre más rápido que", "no es más bajo que",
           "no es más baja que", "no es menor que", "no corre más despacio que"],
    "de": ["ist größer als", "ist älter als", "läuft schneller als", "ist nicht kleiner als", "ist nicht jünger als",
           "läuft nicht langsamer als"],
}
_BELOW = {
    "en": ["is shorter than", "is younger than", "runs slower than", "is not taller than", "is not older than",
           "does not run faster than"],
    "fr": ["est plus petit que", "est plus petite que", "est plus jeune que", "court moins vite que",
           "n'est pas plus grand que", "n'est pas plus grande que", "n'est pas plus âgé que", "n'est pas plus âgée que",
           "ne court pas plus vite que"],
    "es": ["es más bajo que", "es más baja que", "es menor que", "corre más despacio que", "no es más alto que",
           "no es más alta que", "no es mayor que", "no corre más rápido que"],
    "de": ["ist kleiner als", "ist jünger als", "läuft langsamer als", "ist nicht größer als", "ist nicht älter als",
           "läuft nicht schneller als"],
}
_BETWEEN = {"en": r"Of (\S+) and (\S+), one .+ than (\S+) and the other .+\.",
            "fr": r"Parmi (\S+) et (\S+), une personne .+ que (\S+) et l'autre .+\.",
            "es": r"De (\S+) y (\S+), una persona .+ que (\S+) y la otra .+\.",
            "de": r"Von (\S+) und (\S+) \S+ eine Person .+ als (\S+) und die andere .+\."}
_PEOPLE = {"people": "en", "personnes": "fr", "personas": "es", "Personen": "de"}
_TOP = {"the tallest", "the oldest", "the fastest", "la plus grande", "la plus âgée", "la plus rapide", "la más alta",
        "la mayor", "la más rápida", "der größten", "der ältesten", "der schnellsten"}


def read(prompt: str):
    head, body, tail = prompt.split("\n\n")
    n, word, rest = re.match(r"(\d+) (\w+), (.*)$", head).groups()
    language = _PEOPLE[word]
    listed = re.match(r"(.*?), (?:all|ont|courent|tienen|corren|sind|laufen) ", rest).group(1)
    names = re.split(r", | and | et | y | und ", listed)
    assert len(names) == int(n)
    above: list[tuple[str, str]] = []
    between: list[tuple[str, str, str]] = []
    for line in body.split("\n"):
        m = re.fullmatch(_BETWEEN[language], line)
        if m:
            b, c, a = m.groups()
            between.append((a, b, c))
            continue
        x, phrase, y = re.fullmatch(r"(\S+) (.+) (\S+)\.", line).groups()
        if phrase in _ABOVE[language]:
            above.append((x, y))
        else:
            assert phrase in _BELOW[language], line
            above.append((y, x))
    first = re.search(r" (?:from|de|von) (.+?) \((?:position|posición|Position) 1\)", tail).group(1)
    return names, above, between, first in _TOP, tail


def fitting(names, above, between) -> list[tuple[str, ...]]:
    """Every ranking, best first, that meets all the statements."""
    out = []
    for perm in itertools.permutations(names):
        at = {x: i for i, x in enumerate(perm)}
        if all(at[x] < at[y] for x, y in above) and \
                all(min(at[b], at[c]) < at[a] < max(at[b], at[c]) for a, b, c in between):
            out.append(perm)
    return out


def answer_from_prompt(prompt: str) -> str:
    names, above, between, best_first, tail = read(prompt)
    found = fitting(names, above, between)
    assert len(found) == 1, len(found)
    order = list(found[0] if best_first else found[0][::-1])
    k = re.search(r"(?:position|posición|Position) (\d+)(?: \?|\?)", tail)
    if k:
        return order[int(k.group(1)) - 1]
    who = re.search(r"(?:position is|position se trouve|posición está|Position steht) (\S+?) ?\?", tail)
    if who:
        return str(order.index(who.group(1)) + 1)
    return ", ".join(order)


def test_the_only_fitting_ranking_gives_the_reference_answer():
    seen = set()
    for params, seed, problem in random_instances(FAM, 240, 21):
        assert answer_from_prompt(problem.prompt) == render(problem.answer_type, FAM.solve(problem)), (seed, params)
        result = verify(FAM, problem, seed)
        assert result.ok, (seed, params, result.reason)
        for miss in result.near_misses:
            assert not FAM.judge_text(problem, miss)
        seen.add((params["language"], params["relation"], params["ask"]))
    assert len(seen) == 36


def test_without_redundant_statements_every_comparison_is_needed():
    for seed in range(30):
        problem = FAM.generate({"redundant": 0, "people": 6, "between": seed % 3, "language": "fr"},
                               random.Random(seed))
        names, above, between, _, _ = read(problem.prompt)
        assert len(fitting(names, above, between)) == 1
        for i in range(len(above)):
            assert len(fitting(names, above[:i] + above[i + 1:], between)) > 1, (seed, above[i])


def test_negations_are_told_as_asked_and_keep_the_answer():
    for seed in range(30):
        plain = FAM.generate({"negations": 0, "people": 6}, random.Random(seed))
        told = FAM.generate({"negations": 4, "people": 6}, random.Random(seed))
        assert FAM.solve(plain) == FAM.solve(told)
        comparisons = len(re.findall(r" than ", told.prompt.split("\n\n")[1]))
        assert len(re.findall(r" not | does not ", told.prompt.split("\n\n")[1])) == min(4, comparisons)


def test_the_telling_leaves_the_answer_alone():
    for seed in range(20):
        answers = {FAM.solve(FAM.generate({"language": lang, "relation": rel, "ask": "position", "people": 7,
                                           "between": 2}, random.Random(seed)))
                   for lang in ("en", "fr", "es", "de") for rel in ("height", "age", "speed")}
        assert len(answers) == 1, seed


def test_check_refuses_wrong_orders_and_names():
    problem = FAM.generate({"ask": "order", "people": 6}, random.Random(5))
    right = FAM.solve(problem)
    assert FAM.check(problem, right)
    assert not FAM.check(problem, right[::-1]) and not FAM.check(problem, right[:-1])
    problem = FAM.generate({"ask": "kth", "people": 6}, random.Random(5))
    assert not FAM.judge_text(problem, "Zed") and FAM.judge_text(problem, FAM.solve(problem).lower())
