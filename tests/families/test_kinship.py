"""kinship: counting generations up to the nearest common ancestor, for the family read back from
the prompt, names the same relation as the label."""

from __future__ import annotations

import random
import re

from families import random_instances
from unseen import registry
from unseen.verify import verify

FAM = registry.get("kinship")

_BLOOD = {  # (steps from Y up to the common ancestor, steps from X up to it) -> words for a man, a woman
    (1, 0): ("father", "mother"), (2, 0): ("grandfather", "grandmother"),
    (3, 0): ("great-grandfather", "great-grandmother"), (0, 1): ("son", "daughter"),
    (0, 2): ("grandson", "granddaughter"), (0, 3): ("great-grandson", "great-granddaughter"),
    (1, 1): ("brother", "sister"), (2, 1): ("uncle", "aunt"), (1, 2): ("nephew", "niece"), (2, 2): ("cousin", "cousin"),
}


def read(prompt: str):
    if "\nWomen: " in prompt:
        men = re.search(r"Men: (.*?)\.\n", prompt).group(1).split(", ")
        women = re.search(r"Women: (.*?)\.\n", prompt).group(1).split(", ")
        woman = {**{m: False for m in men}, **{w: True for w in women}}
    else:
        woman = {n: sex == "woman" for n, sex in re.findall(r"(\w+) \((man|woman)\)", prompt)}
    spouse = {}
    for a, b in re.findall(r"^\d+\. (\w+) and (\w+) are married\.$", prompt, re.M):
        spouse[a], spouse[b] = b, a
    parents = {c: {f, m} for f, m, c in re.findall(r"^\d+\. (\w+) and (\w+) are the parents of (\w+)\.$", prompt, re.M)}
    for c, kind, f, m in re.findall(r"^\d+\. (\w+) is the (son|daughter) of (\w+) and (\w+)\.$", prompt, re.M):
        assert woman[c] == (kind == "daughter")
        parents[c] = {f, m}
    assert all(spouse.get(a) == b for a, b in map(sorted, parents.values()))  # every child's parents are married
    return woman, spouse, parents


def ancestors(person: str, parents: dict) -> dict[str, int]:
    """Each ancestor (and the person) with the number of generations up to them."""
    depth = {person: 0}
    todo = [person]
    while todo:
        here = todo.pop()
        for p in parents.get(here, ()):
            if p not in depth or depth[p] > depth[here] + 1:
                depth[p] = depth[here] + 1
                todo.append(p)
    return depth


def blood(x: str, y: str, parents: dict) -> tuple[int, int] | None:
    ax, ay = ancestors(x, parents), ancestors(y, parents)
    common = [(ay[a], ax[a]) for a in set(ax) & set(ay)]
    return min(common, key=sum) if common and x != y else None


def word_for(x: str, y: str, woman: dict, spouse: dict, parents: dict) -> str | None:
    """The relation word for what X is to Y, from blood lines and one marriage."""
    w = woman[x]
    if spouse.get(y) == x:
        return ("husband", "wife")[w]
    steps = blood(x, y, parents)
    if steps in _BLOOD:
        return _BLOOD[steps][w]
    if x in spouse and blood(spouse[x], y, parents) in {(0, 1), (1, 1), (2, 1)}:
        kind = blood(spouse[x], y, parents)
        return {(0, 1): ("son-in-law", "daughter-in-law"), (1, 1): ("brother-in-law", "sister-in-law"),
                (2, 1): ("uncle", "aunt")}[kind][w]
    if y in spouse and blood(x, spouse[y], parents) in {(1, 0), (1, 1), (1, 2)}:
        kind = blood(x, spouse[y], parents)
        return {(1, 0): ("father-in-law", "mother-in-law"), (1, 1): ("brother-in-law", "sister-in-law"),
                (1, 2): ("nephew", "niece")}[kind][w]
    return None


def answer_from_prompt(prompt: str) -> tuple[str, bool]:
    """The answer and whether a marriage lies on the relation."""
    woman, spouse, parents = read(prompt)
    pair = re.search(r"What is (\w+) to (\w+)\?|Fill in the blank: (\w+) is (\w+)'s ___\.", prompt)
    if pair:
        x, y = (g for g in pair.groups() if g)
        word = word_for(x, y, woman, spouse, parents)
        assert word is not None
        return word, blood(x, y, parents) not in _BLOOD
    y, word = _person_question(prompt)
    holders = [z for z in woman if z != y and word_for(z, y, woman, spouse, parents) == word]
    assert len(holders) == 1, (word, holders)
    return holders[0], blood(holders[0], y, parents) not in _BLOOD


def _person_question(prompt: str) -> tuple[str, str]:
    m = re.search(r"Who is (\w+)'s ([\w-]+)\?", prompt) or re.search(r"___ is (\w+)'s ([\w-]+)\.", prompt)
    return m.group(1), m.group(2)


def test_generations_to_a_common_ancestor_give_the_reference():
    seen = set()
    for params, seed, problem in random_instances(FAM, 240, 13):
        answer, by_marriage = answer_from_prompt(problem.prompt)
        assert answer == FAM.solve(problem), (seed, params)
        if params["ask"] == "word":
            assert by_marriage == (params["in_laws"] == "in_law"), (seed, params)
        result = verify(FAM, problem, seed)
        assert result.ok, (seed, params, result.reason)
        for miss in result.near_misses:
            assert not FAM.judge_text(problem, miss)
        seen.add((params["ask"], params["in_laws"], params["gender_notation"], params["question_style"]))
    assert len(seen) == 16


def test_every_relation_word_occurs():
    words = set()
    r = random.Random(99)  # the settings from a stream of their own, not the instance's seed
    for seed in range(400):
        params = {"distance": r.randint(1, 4), "in_laws": r.choice(["blood", "in_law"]), "generations": 4}
        words.add(FAM.solve(FAM.generate(params, random.Random(seed))))
    assert len(words) == 27, sorted(words)  # 14 pairs of words, cousin shared


def test_distractors_and_telling_leave_the_relation_alone():
    for seed in range(40):
        words = {FAM.solve(FAM.generate({"distractors": k, "names": names, "order": order, "generations": 4,
                                         "distance": 3}, random.Random(seed)))
                 for k in (0, 5, 11) for names in ("anglo", "global") for order in ("shuffled", "youngest_first")}
        assert len(words) == 1, (seed, words)


def test_check_reads_hyphens_loosely_and_refuses_others():
    for seed in range(30):
        problem = FAM.generate({"distance": 3}, random.Random(seed))
        right = FAM.solve(problem)
        assert FAM.judge_text(problem, right.replace("-", " ").upper())
        assert not FAM.judge_text(problem, "stepmother")
