"""ordering: rank people from comparisons ("A is taller than B"), negated comparisons and
"one of B and C is taller than A and the other shorter" statements.

A hidden ranking is drawn; ``between`` statements about it are fixed first, then random
true comparisons are added until exactly one ranking fits, the comparisons are pruned to a
minimal set, and ``redundant`` true comparisons are added back. ``negations`` of the
comparisons are told negated ("A is not taller than B": everyone differs, so A is shorter).
The question asks who holds a position, which position someone holds, or the whole ranking.

Logic variables: ``people`` (3..8), ``redundant``, ``negations``, ``between``, ``ask``.
Surface: ``relation`` (height, age, speed), ``names`` (three pools) and ``language``
(en/fr/es/de; the answer sentence stays English).

Label: networkx: every orientation of the between statements gives a graph whose
topological sorts (``all_topological_sorts``, up to two) are the rankings; exactly one must
exist. ``check`` places people one at a time in an exhaustive backtracking search that
tests every statement, finds the only ranking itself, and compares.
"""

from __future__ import annotations

import itertools
from random import Random

import networkx as nx

from unseen.author import (
    AnswerType,
    Choice,
    IntRange,
    Params,
    Problem,
    Verdict,
    distinct,
    family,
    hedge,
    match_integer,
    match_sequence,
    match_string,
    sequence_misses,
    wrong,
)

_NAMES = {  # name, gender (for French and Spanish adjectives)
    "anglo": "Alice:f Ben:m Clara:f David:m Emma:f Felix:m Grace:f Henry:m",
    "global": "Aiko:f Bruno:m Chen:m Dalia:f Emeka:m Farah:f Goran:m Hana:f",
    "nordic": "Astrid:f Bjorn:m Freya:f Gunnar:m Ingrid:f Lars:m Maja:f Nils:m",
}
# per language and relation: up/down comparatives (masculine, feminine), the intro, the ranking's two ends,
# and "one of b and c is above a, the other below"
_WORDS = {
    "en": {"height": (("is taller than",) * 2, ("is shorter than",) * 2, "all have different heights",
                      "the tallest", "the shortest",
                      "Of {b} and {c}, one is taller than {a} and the other is shorter."),
           "age": (("is older than",) * 2, ("is younger than",) * 2, "all have different ages",
                   "the oldest", "the youngest",
                   "Of {b} and {c}, one is older than {a} and the other is younger."),
           "speed": (("runs faster than",) * 2, ("runs slower than",) * 2, "all run at different speeds",
                     "the fastest", "the slowest",
                     "Of {b} and {c}, one runs faster than {a} and the other runs slower.")},
    "fr": {"height": (("est plus grand que", "est plus grande que"), ("est plus petit que", "est plus petite que"),
                      "ont toutes des tailles différentes", "la plus grande", "la plus petite",
                      "Parmi {b} et {c}, une personne est plus grande que {a} et l'autre est plus petite."),
           "age": (("est plus âgé que", "est plus âgée que"), ("est plus jeune que",) * 2,
                   "ont toutes des âges différents", "la plus âgée", "la plus jeune",
                   "Parmi {b} et {c}, une personne est plus âgée que {a} et l'autre est plus jeune."),
           "speed": (("court plus vite que",) * 2, ("court moins vite que",) * 2,
                     "courent toutes à des vitesses différentes", "la plus rapide", "la plus lente",
                     "Parmi {b} et {c}, une personne court plus vite que {a} et l'autre moins vite.")},
    "es": {"height": (("es más alto que", "es más alta que"), ("es más bajo que", "es más baja que"),
                      "tienen estaturas distintas", "la más alta", "la más baja",
                      "De {b} y {c}, una persona es más alta que {a} y la otra es más baja."),
           "age": (("es mayor que",) * 2, ("es menor que",) * 2, "tienen edades distintas", "la mayor", "la menor",
                   "De {b} y {c}, una persona es mayor que {a} y la otra es menor."),
           "speed": (("corre más rápido que",) * 2, ("corre más despacio que",) * 2, "corren a velocidades distintas",
                     "la más rápida", "la más lenta",
                     "De {b} y {c}, una persona corre más rápido que {a} y la otra más despacio.")},
    "de": {"height": (("ist größer als",) * 2, ("ist kleiner als",) * 2, "sind alle unterschiedlich groß",
                      "größten", "kleinsten", "Von {b} und {c} ist eine Person größer als {a} und die andere kleiner."),
           "age": (("ist älter als",) * 2, ("ist jünger als",) * 2, "sind alle unterschiedlich alt",
                   "ältesten", "jüngsten", "Von {b} und {c} ist eine Person älter als {a} und die andere jünger."),
           "speed": (("läuft schneller als",) * 2, ("läuft langsamer als",) * 2, "laufen alle unterschiedlich schnell",
                     "schnellsten", "langsamsten",
                     "Von {b} und {c} läuft eine Person schneller als {a} und die andere langsamer.")},
}
_FRAME = {  # people, the ranking, who is at k, where is x, the whole order
    "en": ("{n} people, {names}, {intro}.", "Rank the people from {top} (position 1) to {bottom} (position {n}).",
           "Who is in position {k}?", "In which position is {x}?", "List everyone in that order."),
    "fr": ("{n} personnes, {names}, {intro}.",
           "Classez les personnes de {top} (position 1) à {bottom} (position {n}).",
           "Qui est en position {k} ?", "À quelle position se trouve {x} ?",
           "Énumérez toutes les personnes dans cet ordre."),
    "es": ("{n} personas, {names}, {intro}.",
           "Ordene a las personas de {top} (posición 1) a {bottom} (posición {n}).",
           "¿Quién está en la posición {k}?", "¿En qué posición está {x}?",
           "Enumere a todas las personas en ese orden."),
    "de": ("{n} Personen, {names}, {intro}.",
           "Ordnen Sie die Personen von der {top} (Position 1) bis zur {bottom} (Position {n}).",
           "Wer steht auf Position {k}?", "Auf welcher Position steht {x}?",
           "Nennen Sie alle Personen in dieser Reihenfolge."),
}
_AND = {"en": "and", "fr": "et", "es": "y", "de": "und"}


def negate(verb: str, language: str) -> str:
    """'is taller than' -> 'is not taller than' in each language."""
    head, rest = verb.split(" ", 1)
    if language == "en":
        return f"is not {rest}" if head == "is" else f"does not {head.removesuffix('s')} {rest}"
    if language == "fr":
        return f"n'{head} pas {rest}" if head == "est" else f"ne {head} pas {rest}"
    return f"no {verb}" if language == "es" else f"{head} nicht {rest}"


def rankings(n: int, statements: list[list], limit: int = 2) -> list[list[int]]:
    """networkx: the rankings (best first) meeting every statement, up to ``limit``."""
    found: list[list[int]] = []
    betweens = [s for s in statements if s[0] == "between"]
    for sides in itertools.product((0, 1), repeat=len(betweens)):
        g = nx.DiGraph()
        g.add_nodes_from(range(n))
        g.add_edges_from((a, b) for kind, a, b, *_ in statements if kind == "gt")
        for (_, a, b, c), side in zip(betweens, sides, strict=True):
            hi, lo = (b, c) if side == 0 else (c, b)
            g.add_edges_from([(hi, a), (a, lo)])
        if nx.is_directed_acyclic_graph(g):
            found += [list(order) for order in itertools.islice(nx.all_topological_sorts(g), limit - len(found))]
        if len(found) >= limit:
            break
    return found


@family("ordering", version=1, domain="relations", answer=(AnswerType.STRING, AnswerType.INTEGER, AnswerType.SEQUENCE),
        purpose="Rank people from comparisons, negated comparisons and in-between statements.")
class Ordering:
    people = IntRange(3, 8, base=5, help="people to rank")
    redundant = IntRange(0, 7, base=1, levels=(0, 1, 3, 5, 7), simplest=0, help="comparisons beyond a minimal set")
    negations = IntRange(0, 4, base=0, simplest=0, help="comparisons told negated ('A is not taller than B')")
    between = IntRange(0, 3, base=0, simplest=0, help="'one of B and C is taller than A, the other shorter'")
    ask = Choice(("kth", "position", "order"), base="kth", help="who holds a position, someone's position, the ranking")
    relation = Choice(("height", "age", "speed"), base="height", role="surface", help="what is compared")
    names = Choice(("anglo", "global", "nordic"), base="anglo", role="surface", help="name pool")
    language = Choice(("en", "fr", "es", "de"), base="en", role="surface", help="language of the prompt")

    def generate(self, p: Params, rng: Random) -> Problem:
        n = p.people
        rank = rng.sample(range(n), n)  # rank[i]: person at position i, best first
        statements: list[list] = []
        for _ in range(p.between):
            i, j, k = sorted(rng.sample(range(n), 3))
            outer = [rank[i], rank[k]]
            rng.shuffle(outer)
            statements.append(["between", rank[j], *outer])
        pairs = [[rank[i], rank[j]] for i in range(n) for j in range(i + 1, n)]
        rng.shuffle(pairs)
        chosen: list[list] = []
        while len(rankings(n, statements + chosen)) > 1:
            chosen.append(["gt", *pairs.pop()])
        for s in rng.sample(chosen, len(chosen)):  # drop every comparison the others do without
            trial = [t for t in chosen if t is not s]
            if len(rankings(n, statements + trial)) == 1:
                chosen = trial
        extra = [["gt", *pr] for pr in pairs if ["gt", *pr] not in chosen][:p.redundant]
        statements += chosen + extra
        rng.shuffle(statements)
        keys = [rng.random() for _ in statements]  # as many draws whatever the number of negations
        negated = set(sorted((i for i, s in enumerate(statements) if s[0] == "gt"), key=keys.__getitem__)[:p.negations])
        best_first = rng.random() < 0.5
        k = rng.randrange(n)
        question = {"kth": ["kth", k], "position": ["position", rank[k]], "order": ["order"]}[p.ask]
        # surface only from here on
        pool = [x.split(":") for x in _NAMES[p.names].split()]
        names, genders = map(list, zip(*rng.sample(pool, n), strict=True))
        told = []
        for i, s in enumerate(statements):
            flip = rng.random() < 0.5
            told.append([*s, i in negated, flip])
        prompt = self._prompt(p.language, p.relation, names, genders, told, best_first, question)
        return Problem(prompt, {"names": names, "statements": statements, "best_first": best_first,
                                "question": question}, {"kth": AnswerType.STRING, "position": AnswerType.INTEGER,
                                                        "order": AnswerType.SEQUENCE}[p.ask])

    def _prompt(self, lang, relation, names, genders, told, best_first, question) -> str:
        up, down, intro, top, bottom, both = _WORDS[lang][relation]
        people, ranking, ask_k, ask_pos, ask_order = _FRAME[lang]
        g = [1 if x == "f" else 0 for x in genders]
        lines = []
        for kind, a, b, *rest in told:
            negated, flip = rest[-2], rest[-1]
            if kind == "between":
                lines.append(both.format(a=names[a], b=names[b], c=names[rest[0]]))
                continue
            # a is above b: told "a up b" or "b down a"; negated, "b not-up a" or "a not-down b"
            subj, obj, verb = (a, b, up) if not flip else (b, a, down)
            if negated:
                lines.append(f"{names[obj]} {negate(verb[g[obj]], lang)} {names[subj]}.")
            else:
                lines.append(f"{names[subj]} {verb[g[subj]]} {names[obj]}.")
        n = len(names)
        listed = ", ".join(names[:-1]) + f" {_AND[lang]} {names[-1]}"
        first, last = (top, bottom) if best_first else (bottom, top)
        if question[0] == "kth":
            ask = ask_k.format(k=question[1] + 1) + "\n" + AnswerType.STRING.sentence("the person's name")
        elif question[0] == "position":
            ask = ask_pos.format(x=names[question[1]]) + "\n" + AnswerType.INTEGER.sentence("that position")
        else:
            ask = ask_order + "\n" + AnswerType.SEQUENCE.sentence("the names")
        return (people.format(n=n, names=listed, intro=intro) + "\n\n" + "\n".join(lines)
                + f"\n\n{ranking.format(top=first, bottom=last, n=n)} {ask}")

    def solve(self, problem: Problem):
        d = problem.data
        found = rankings(len(d["names"]), d["statements"])
        if len(found) != 1:
            raise ValueError(f"{len(found)} rankings fit, not one")
        order = found[0] if d["best_first"] else found[0][::-1]
        q = d["question"]
        if q[0] == "kth":
            return d["names"][order[q[1]]]
        if q[0] == "position":
            return order.index(q[1]) + 1
        return [d["names"][i] for i in order]

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        n, names = len(d["names"]), d["names"]
        found: list[list[int]] = []

        def fits(order: list[int]) -> bool:  # every statement whose people are all placed
            at = {x: i for i, x in enumerate(order)}
            for kind, a, b, *rest in d["statements"]:
                if kind == "gt" and a in at and b in at and at[a] > at[b]:
                    return False
                if kind == "between" and a in at and b in at and rest[0] in at:
                    if not min(at[b], at[rest[0]]) < at[a] < max(at[b], at[rest[0]]):
                        return False
            return True

        def place(order: list[int]) -> None:
            if len(found) > 1:
                return
            if len(order) == n:
                found.append(order)
                return
            for x in range(n):
                if x not in order and fits(order + [x]):
                    place(order + [x])

        place([])
        if len(found) != 1:
            raise ValueError(f"the search finds {len(found)} rankings, not one")
        order = found[0] if d["best_first"] else found[0][::-1]
        q = d["question"]
        if q[0] == "kth":
            return match_string(answer, names[order[q[1]]])
        if q[0] == "position":
            return match_integer(answer, order.index(q[1]) + 1)
        if len(answer) != n:
            return wrong(f"{len(answer)} names, expected all {n}")
        return match_sequence(answer, [names[i] for i in order])

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right = self.solve(problem)
        n, q = len(d["names"]), d["question"]
        if q[0] == "order":
            return sequence_misses(right, rng)
        order = self.solve(Problem(problem.prompt, {**d, "question": ["order"]}, AnswerType.SEQUENCE))
        if q[0] == "kth":  # the neighbours, and the same position counted from the other end
            k = q[1]
            cands = [order[i] for i in (k - 1, k + 1, n - 1 - k) if 0 <= i < n]
            return distinct(right, [*cands, hedge(right, cands[0])])
        cands = [str(x) for x in (right - 1, right + 1, n + 1 - right) if 1 <= x <= n]
        return distinct(str(right), [*cands, hedge(str(right), cands[0])])
