"""syllogism: z3 over monadic first-order logic, on the statements read back from the prompt in
any of the four languages, agrees with the label; the classical counts of valid moods hold."""

from __future__ import annotations

import itertools
import random
import re

import z3

from families import random_instances
from unseen import registry
from unseen.families.logic.syllogism import mood_table, venn_consistent
from unseen.verify import verify

FAM = registry.get("syllogism")

_FORMS = {  # per language: (form, pattern) with the contradictory-prone forms tried first
    "en": [("O", r"Some (\S+) are not (\S+)"), ("A", r"All (\S+) are (\S+)"), ("E", r"No (\S+) are (\S+)"),
           ("I", r"Some (\S+) are (\S+)")],
    "fr": [("O", r"Certains (\S+) ne sont pas des (\S+)"), ("A", r"Tous les (\S+) sont des (\S+)"),
           ("E", r"Aucun (\S+) n'est un (\S+)"), ("I", r"Certains (\S+) sont des (\S+)")],
    "es": [("O", r"Algunos (\S+) no son (\S+)"), ("A", r"Todos los (\S+) son (\S+)"),
           ("E", r"Ningún (\S+) es un (\S+)"), ("I", r"Algunos (\S+) son (\S+)")],
    "de": [("O", r"Einige (\S+) sind keine (\S+)"), ("A", r"Alle (\S+) sind (\S+)"), ("E", r"Keine (\S+) sind (\S+)"),
           ("I", r"Einige (\S+) sind (\S+)")],
}
_LANGUAGE = {"Consider the following": "en", "Considérez les": "fr", "Considere las": "es", "Betrachten Sie": "de"}
_NONEMPTY = {"en": "Assume that every kind", "fr": "Supposez que chaque", "es": "Suponga que cada",
             "de": "Nehmen Sie an, dass jede"}
_EMPTY = {"en": "Do not assume", "fr": "Ne supposez pas", "es": "No suponga", "de": "Nehmen Sie nicht an"}
_CONCLUSION = {"en": "Conclusion: ", "fr": "Conclusion : ", "es": "Conclusión: ", "de": "Schlussfolgerung: "}
# singular -> plural where a statement names a kind in the singular (French "Aucun", Spanish "Ningún")
_PLURAL = {"cheval": "chevaux", "león": "leones", "ours": "ours"}


def read(prompt: str) -> tuple[list[tuple[str, str, str]], tuple[str, str, str], bool]:
    language = next(v for k, v in _LANGUAGE.items() if prompt.startswith(k))
    nonempty = _NONEMPTY[language] in prompt
    assert nonempty != (_EMPTY[language] in prompt)

    def statement(text: str) -> tuple[str, str, str]:
        for form, pattern in _FORMS[language]:
            m = re.fullmatch(pattern + r"\.", text)
            if m:
                a, b = m.groups()
                if form == "E" and language in ("fr", "es"):
                    a, b = _sing(a), _sing(b)
                return form, a, b
        raise AssertionError(f"unread statement {text!r}")

    premises = [statement(t) for t in re.findall(r"^\d+\. (.*)$", prompt, re.M)]
    line = re.search("^" + re.escape(_CONCLUSION[language]) + "(.*)$", prompt, re.M).group(1)
    return premises, statement(line), nonempty


def _sing(word: str) -> str:
    """A singular noun (French Aucun / Spanish Ningún) to the plural the other statements use."""
    if word in _PLURAL:
        return _PLURAL[word]
    return word if len(word) == 1 else word + "s"


def follows_z3(premises, conclusion, nonempty: bool) -> bool:
    """Monadic first-order logic: the premises (and non-empty kinds) with the negated conclusion are unsatisfiable."""
    thing = z3.DeclareSort("Thing")
    x = z3.Const("x", thing)
    kinds: dict[str, z3.FuncDeclRef] = {}

    def pred(name: str):
        if name not in kinds:
            kinds[name] = z3.Function(f"is_{len(kinds)}", thing, z3.BoolSort())
        return kinds[name]

    def formula(form: str, a: str, b: str):
        pa, pb = pred(a)(x), pred(b)(x)
        return {"A": z3.ForAll([x], z3.Implies(pa, pb)), "E": z3.ForAll([x], z3.Not(z3.And(pa, pb))),
                "I": z3.Exists([x], z3.And(pa, pb)), "O": z3.Exists([x], z3.And(pa, z3.Not(pb)))}[form]

    solver = z3.Solver()
    solver.add(*[formula(*p) for p in premises], z3.Not(formula(*conclusion)))
    if nonempty:
        solver.add(*[z3.Exists([x], pred(k)(x)) for k in list(kinds)])
    result = solver.check()
    assert result != z3.unknown
    return result == z3.unsat


def test_first_order_logic_on_the_prompt_agrees_with_the_label():
    seen = set()
    for params, seed, problem in random_instances(FAM, 240, 3):
        premises, conclusion, nonempty = read(problem.prompt)
        assert len(premises) == params["premises"] + params["distractors"]
        assert nonempty == (params["convention"] == "nonempty")
        assert follows_z3(premises, conclusion, nonempty) == FAM.solve(problem), (seed, params)
        result = verify(FAM, problem, seed)
        assert result.ok, (seed, params, result.reason)
        for miss in result.near_misses:
            assert not FAM.judge_text(problem, miss)
        seen.add((params["language"], params["vocabulary"]))
    assert len(seen) == 12


def test_the_classical_counts_of_valid_syllogisms():
    """24 valid moods in the four figures when every term is non-empty, 15 without that assumption;
    z3, the Venn regions and the mood table agree on all 256 x 2."""
    s, m, p = "S", "M", "P"
    figures = {1: ((m, p), (s, m)), 2: ((p, m), (s, m)), 3: ((m, p), (m, s)), 4: ((p, m), (m, s))}
    ids = {s: 0, m: 1, p: 2}
    for nonempty, count in ((True, 24), (False, 15)):
        valid = 0
        for figure, (major, minor) in figures.items():
            for q1, q2, q3 in itertools.product("AEIO", repeat=3):
                prem = [(q1, *major), (q2, *minor)]
                by_z3 = follows_z3(prem, (q3, s, p), nonempty)
                numbered = [[q, ids[a], ids[b]] for q, a, b in prem]
                neg = {"A": "O", "O": "A", "E": "I", "I": "E"}[q3]
                assert by_z3 == (not venn_consistent(3, [*numbered, [neg, 0, 2]], nonempty)), (figure, q1 + q2 + q3)
                assert by_z3 == mood_table(numbered, [q3, 0, 2], nonempty), (figure, q1 + q2 + q3)
                valid += by_z3
        assert valid == count, (nonempty, valid)


def test_answers_are_balanced_at_the_base_setting():
    true = sum(FAM.solve(FAM.generate({}, random.Random(s))) for s in range(300))
    assert 120 <= true <= 180, true


def test_distractors_never_change_the_answer():
    """The premises form a tree of kinds; dropping every premise off the path between the
    conclusion's two kinds leaves the answer as it was."""
    for params, seed, problem in random_instances(FAM, 120, 8, lambda r: {"distractors": r.randint(1, 4)}):
        premises, conclusion, nonempty = read(problem.prompt)
        links: dict[str, set[str]] = {}
        for _, a, b in premises:
            links.setdefault(a, set()).add(b)
            links.setdefault(b, set()).add(a)
        assert len(premises) == len(links) - 1  # connected (below) with one fewer link than kinds: a tree
        start, goal = conclusion[1], conclusion[2]
        back, todo = {start: None}, [start]
        while todo:
            here = todo.pop()
            for there in links[here] - set(back):
                back[there] = here
                todo.append(there)
        assert len(back) == len(links)
        path, here = {goal}, goal
        while back[here] is not None:
            here = back[here]
            path.add(here)
        chain = [st for st in premises if {st[1], st[2]} <= path]
        assert len(chain) == params["premises"], (seed, params)
        assert follows_z3(chain, conclusion, nonempty) == follows_z3(premises, conclusion, nonempty), (seed, params)


def test_the_telling_leaves_the_instance_alone():
    for seed in range(20):
        answers, shapes = set(), set()
        for language, vocabulary, order in itertools.product(("en", "fr", "es", "de"), ("animals", "letters"),
                                                             ("chain", "shuffled")):
            problem = FAM.generate({"language": language, "vocabulary": vocabulary, "order": order,
                                    "distractors": 2}, random.Random(seed))
            premises, conclusion, nonempty = read(problem.prompt)
            answers.add(follows_z3(premises, conclusion, nonempty))
            shapes.add((len(premises), conclusion[0], nonempty))
        assert len(answers) == 1 and len(shapes) == 1, seed


def test_the_convention_is_what_decides_an_import_trap():
    """Under 'kinds may be empty' the import trap asks a conclusion that would follow if kinds had members."""
    hits = 0
    for seed in range(80):
        problem = FAM.generate({"convention": "may_be_empty", "trap": "import", "premises": 2, "distractors": 0},
                               random.Random(seed))
        premises, conclusion, nonempty = read(problem.prompt)
        assert not nonempty
        if not follows_z3(premises, conclusion, False):
            hits += follows_z3(premises, conclusion, True)
    assert hits >= 15, hits
