"""kinship: name the relation between two people of a family told by parent and marriage facts.

The family is built around the asked relation: a path of up (to a parent), down (to a new
child) and spouse steps from Y to X creates the people it needs (every child has both
parents, married, and nobody marries twice or marries a relative), then the tree is grown
to ``generations`` and ``distractors`` extra people are added. The prompt defines every
relation word; the question asks what X is to Y (a word) or who is Y's <word> (a name,
asked only when exactly one person fits).

Logic variables: ``generations`` (depth of the tree), ``distance`` (steps in the relation:
1 parent, 2 grandparent or sibling, 3 uncle or great-grandparent, 4 cousin; capped by the
generations), ``in_laws`` (the relation goes through a marriage), ``distractors`` and
``ask``. Surface: ``names`` (pools), ``order`` of the facts, ``phrasing`` (parents first or
children first), ``gender_notation`` and ``question_style``.

Label: a breadth-first search from Y to X whose step pattern (up/down/spouse) is looked
up in a composition table. ``check`` works from the definitions stated in the prompt:
it builds each relation's set of people from parent, child, spouse and sibling sets.
"""

from __future__ import annotations

from collections import deque
from random import Random

from unseen.author import AnswerType, Choice, IntRange, Params, Problem, Verdict, distinct, family, hedge, wrong

_PATHS = {  # step pattern from Y to X -> (word for a man, word for a woman), blood relations first
    ("up",): ("father", "mother"), ("down",): ("son", "daughter"), ("up", "up"): ("grandfather", "grandmother"),
    ("down", "down"): ("grandson", "granddaughter"), ("up", "down"): ("brother", "sister"),
    ("up", "up", "up"): ("great-grandfather", "great-grandmother"),
    ("down", "down", "down"): ("great-grandson", "great-granddaughter"), ("up", "up", "down"): ("uncle", "aunt"),
    ("up", "down", "down"): ("nephew", "niece"), ("up", "up", "down", "down"): ("cousin", "cousin"),
    ("spouse",): ("husband", "wife"), ("spouse", "up"): ("father-in-law", "mother-in-law"),
    ("down", "spouse"): ("son-in-law", "daughter-in-law"),
    ("spouse", "up", "down"): ("brother-in-law", "sister-in-law"),
    ("up", "down", "spouse"): ("brother-in-law", "sister-in-law"), ("up", "up", "down", "spouse"): ("uncle", "aunt"),
    ("spouse", "up", "down", "down"): ("nephew", "niece"),
}
_DEFINITIONS = """father / mother: X is a parent of Y.
son / daughter: X is a child of Y.
husband / wife: X is married to Y.
brother / sister: X is another child of Y's parents.
grandfather / grandmother: X is a parent of a parent of Y.
grandson / granddaughter: X is a child of a child of Y.
great-grandfather / great-grandmother: X is a parent of a grandparent of Y.
great-grandson / great-granddaughter: X is a child of a grandchild of Y.
uncle / aunt: X is a brother or sister of a parent of Y, or is married to one.
nephew / niece: X is a child of a brother or sister of Y, or of a brother or sister of Y's spouse.
cousin (for a man or a woman): X is a child of a brother or sister of a parent of Y.
father-in-law / mother-in-law: X is a parent of Y's spouse.
son-in-law / daughter-in-law: X is married to a child of Y.
brother-in-law / sister-in-law: X is a brother or sister of Y's spouse, or is married to a brother or sister of Y."""
_NAMES = {
    "anglo": ("Adam Brian Charles Daniel Edward Frank George Henry Isaac James Kevin Louis Martin Oliver Peter "
              "Robert Samuel Thomas Victor William",
              "Alice Beth Carol Diana Emma Fiona Grace Helen Irene Julia Karen Laura Mary Nora Olivia Paula Rose "
              "Sarah Tina Wendy"),
    "european": ("Anton Bruno Carlos Dario Emil Fabio Gustav Hugo Igor Jonas Klaus Lars Marco Nils Otto Pablo "
                 "Rafael Stefan Tomas Viktor",
                 "Anja Berta Carla Dora Elsa Frida Greta Hanna Ines Jana Katja Lena Marta Nina Olga Petra Rosa Sofia "
                 "Tanja Vera"),
    "global": ("Amir Bao Chidi Dev Emeka Farid Goro Hassan Jomo Kenji Luca Mateo Nikhil Omar Pedro Rahul Sanjay "
               "Tariq Yusuf Zane",
               "Aiko Bisi Chiara Deepa Esi Fatima Gita Hana Imani Jia Kamala Leila Mei Nia Priya Rania Sakura "
               "Thandi Yara Zainab"),
}


def _steps(distance: int, in_laws: bool, generations: int) -> list[tuple[str, ...]]:
    """The step patterns of a relation ``distance`` steps long that fit in ``generations``."""
    def span(path: tuple[str, ...]) -> int:
        level = low = high = 0
        for s in path:
            level += {"up": -1, "down": 1, "spouse": 0}[s]
            low, high = min(low, level), max(high, level)
        return high - low + 1

    for d in range(distance, 0, -1):
        fit = [p for p in _PATHS if len(p) == d and ("spouse" in p) == in_laws and span(p) <= generations]
        if fit:
            return fit
    return [("up",)]


def relation_words(x: int, y: int, parents: dict[int, list[int]], spouse: dict[int, int],
                   gender: list[str]) -> set[str]:
    """Every relation word the definitions give X for Y (independent of any path search)."""
    kids: dict[int, set[int]] = {}
    for child, pair in parents.items():
        for p in pair:
            kids.setdefault(p, set()).add(child)

    def up(s: set[int]) -> set[int]:
        return {p for q in s for p in parents.get(q, [])}

    def down(s: set[int]) -> set[int]:
        return {c for q in s for c in kids.get(q, set())}

    def wed(s: set[int]) -> set[int]:
        return {spouse[q] for q in s if q in spouse}

    def sibs(s: set[int]) -> set[int]:
        return {c for q in s for c in down(up({q})) if c != q}

    me = {y}
    sets = {
        ("father", "mother"): up(me), ("son", "daughter"): down(me), ("husband", "wife"): wed(me),
        ("brother", "sister"): sibs(me), ("grandfather", "grandmother"): up(up(me)),
        ("grandson", "granddaughter"): down(down(me)),
        ("great-grandfather", "great-grandmother"): up(up(up(me))),
        ("great-grandson", "great-granddaughter"): down(down(down(me))),
        ("uncle", "aunt"): sibs(up(me)) | wed(sibs(up(me))), ("nephew", "niece"): down(sibs(me)) | down(sibs(wed(me))),
        ("cousin", "cousin"): down(sibs(up(me))), ("father-in-law", "mother-in-law"): up(wed(me)),
        ("son-in-law", "daughter-in-law"): wed(down(me)),
        ("brother-in-law", "sister-in-law"): sibs(wed(me)) | wed(sibs(me)),
    }
    return {words[gender[x] == "f"] for words, people in sets.items() if x in people}


def bfs_word(x: int, y: int, parents: dict[int, list[int]], spouse: dict[int, int], gender: list[str]) -> str | None:
    """The label: the step pattern of the shortest routes from Y to X, looked up in the table
    (None when the routes have no single pattern in it)."""
    kids: dict[int, list[int]] = {}
    for child, pair in parents.items():
        for p in pair:
            kids.setdefault(p, []).append(child)
    routes: dict[int, set[tuple[str, ...]]] = {y: {()}}
    frontier = deque([y])
    while frontier:
        here = frontier.popleft()
        moves = [("up", p) for p in parents.get(here, [])] + [("down", c) for c in kids.get(here, [])]
        moves += [("spouse", spouse[here])] if here in spouse else []
        for step, there in moves:
            if there not in routes:
                routes[there] = {r + (step,) for r in routes[here]}
                frontier.append(there)
            elif len(next(iter(routes[there]))) == len(next(iter(routes[here]))) + 1:
                routes[there] |= {r + (step,) for r in routes[here]}
    patterns = routes.get(x, set())
    if len(patterns) != 1 or next(iter(patterns)) not in _PATHS:
        return None
    return _PATHS[next(iter(patterns))][gender[x] == "f"]


@family("kinship", version=1, domain="relations", answer=AnswerType.STRING,
        purpose="Name the family relation between two people from parent and marriage facts.")
class Kinship:
    generations = IntRange(2, 6, base=3, help="generations in the family tree")
    distance = IntRange(1, 4, base=2, help="steps in the asked relation (capped by what the generations allow)")
    in_laws = Choice(("blood", "in_law"), base="blood", help="whether the relation goes through a marriage")
    distractors = IntRange(0, 11, base=2, levels=(0, 2, 5, 8, 11), simplest=0, help="extra people")
    ask = Choice(("word", "person"), base="word", help="ask the relation word, or who has that relation")
    names = Choice(("anglo", "european", "global"), base="anglo", role="surface", help="name pool")
    order = Choice(("oldest_first", "shuffled", "youngest_first"), base="shuffled", role="surface", help="fact order")
    phrasing = Choice(("parents_first", "children_first", "mixed"), base="mixed", role="surface",
                      help="'A and B are the parents of C' or 'C is the son of A and B'")
    gender_notation = Choice(("lists", "tags"), base="lists", role="surface", help="how each person's sex is given")
    question_style = Choice(("question", "blank"), base="question", role="surface", help="a question or a blank")

    def generate(self, p: Params, rng: Random) -> Problem:
        attempt, built = 0, None
        while not built:  # a person question needs exactly one holder of the word (else, after 40, a word)
            built = self._build(p, rng, p.ask if attempt < 40 else "word")
            attempt += 1
        gender, gen, parents, spouse, x, y, question = built
        # surface only from here on
        men, women = (s.split() for s in _NAMES[p.names])
        rng.shuffle(men)
        rng.shuffle(women)
        names = [(men if g == "m" else women).pop() for g in gender]
        return self._tell(p, rng, names, gender, gen, parents, spouse, question)

    def _build(self, p: Params, rng: Random, ask: str):
        gender: list[str] = []
        gen: list[int] = []
        parents: dict[int, list[int]] = {}
        spouse: dict[int, int] = {}

        def person(level: int, g: str | None = None) -> int:
            gender.append(g or rng.choice("mf"))
            gen.append(level)
            return len(gender) - 1

        def marry(q: int) -> int:
            if q not in spouse:
                s = person(gen[q], "f" if gender[q] == "m" else "m")
                spouse[q], spouse[s] = s, q
            return spouse[q]

        def up(q: int) -> int:
            if q not in parents:
                f = person(gen[q] - 1, "m")
                m = marry(f)
                parents[q] = [f, m]
            return rng.choice(parents[q])

        def down(q: int) -> int:
            s = marry(q)
            c = person(gen[q] + 1)
            parents[c] = [q, s] if gender[q] == "m" else [s, q]
            return c

        y = person(0)
        path = rng.choice(_steps(p.distance, p.in_laws == "in_law", p.generations))
        x = y
        for step in path:
            x = {"up": up, "down": down, "spouse": marry}[step](x)
        while max(gen) - min(gen) + 1 < p.generations:  # grow the tree to the asked depth
            if rng.random() < 0.5:
                top = [q for q in range(len(gender)) if gen[q] == min(gen) and q not in parents]
                up(rng.choice(top))
            else:
                down(rng.choice([q for q in range(len(gender)) if gen[q] == max(gen)]))
        for _ in range(p.distractors):
            single = [q for q in range(len(gender)) if q not in spouse]
            couples = [q for q in range(len(gender)) if q in spouse and gender[q] == "m" and gen[q] < max(gen)]
            if couples and (not single or rng.random() < 0.6):
                down(rng.choice(couples))
            else:
                marry(rng.choice(single))
        if max(gender.count("m"), gender.count("f")) > 20:  # more people of one sex than a name pool holds
            return None
        word = _PATHS[path][gender[x] == "f"]
        if ask == "word":
            return gender, gen, parents, spouse, x, y, ["word", x, y]
        holders = [z for z in range(len(gender)) if word in relation_words(z, y, parents, spouse, gender)]
        if holders != [x]:
            return None
        return gender, gen, parents, spouse, x, y, ["person", word, y]

    def _tell(self, p, rng, names, gender, gen, parents, spouse, question) -> Problem:
        facts = []  # (generation, text)
        for h in sorted(q for q in spouse if gender[q] == "m"):
            facts.append((gen[h], f"{names[h]} and {names[spouse[h]]} are married."))
        for c, (f, m) in sorted(parents.items()):
            style = p.phrasing if p.phrasing != "mixed" else rng.choice(["parents_first", "children_first"])
            if style == "parents_first":
                facts.append((gen[f], f"{names[f]} and {names[m]} are the parents of {names[c]}."))
            else:
                child = "son" if gender[c] == "m" else "daughter"
                facts.append((gen[f], f"{names[c]} is the {child} of {names[f]} and {names[m]}."))
        if p.order == "shuffled":
            rng.shuffle(facts)
        else:
            facts.sort(key=lambda f: f[0], reverse=p.order == "youngest_first")
        people = sorted(range(len(names)), key=lambda q: names[q])
        if p.gender_notation == "lists":
            who = ("Men: " + ", ".join(names[q] for q in people if gender[q] == "m") + ".\nWomen: "
                   + ", ".join(names[q] for q in people if gender[q] == "f") + ".")
        else:
            who = "People: " + ", ".join(f"{names[q]} ({'man' if gender[q] == 'm' else 'woman'})"
                                         for q in people) + "."
        if question[0] == "word":
            x, y = names[question[1]], names[question[2]]
            ask = (f"What is {x} to {y}?" if p.question_style == "question" else
                   f"Fill in the blank: {x} is {y}'s ___.") + " Use one of the relation words above."
            form = AnswerType.STRING.sentence("the relation word")
        else:
            word, y = question[1], names[question[2]]
            ask = (f"Who is {y}'s {word}?" if p.question_style == "question" else
                   f"Fill in the blank: ___ is {y}'s {word}.") + " Exactly one person named above is."
            form = AnswerType.STRING.sentence("the person's name")
        prompt = (f"The facts below describe a family. {who}\n\nFacts:\n"
                  + "\n".join(f"{i}. {t}" for i, (_, t) in enumerate(facts, 1))
                  + "\n\nEvery child's two parents are named, and nobody has married more than once. Relation words "
                  "(each says what X is to Y; the first word of a pair is for a man, the second for a woman):\n"
                  + "\n".join(f"- {line}" for line in _DEFINITIONS.split("\n")) + f"\n\n{ask}\n{form}")
        data = {"names": names, "gender": gender, "parents": [[c, *pr] for c, pr in sorted(parents.items())],
                "spouses": sorted([h, spouse[h]] for h in spouse if gender[h] == "m"), "question": question}
        return Problem(prompt, data, AnswerType.STRING)

    @staticmethod
    def _family(d: dict) -> tuple[dict[int, list[int]], dict[int, int]]:
        parents = {c: [f, m] for c, f, m in d["parents"]}
        spouse = {a: b for h, w in d["spouses"] for a, b in ((h, w), (w, h))}
        return parents, spouse

    def solve(self, problem: Problem) -> str:
        d = problem.data
        parents, spouse = self._family(d)
        q = d["question"]
        if q[0] == "word":
            word = bfs_word(q[1], q[2], parents, spouse, d["gender"])
            if word is None:
                raise ValueError("no single relation word")
            return word
        fits = [z for z in range(len(d["names"])) if bfs_word(z, q[2], parents, spouse, d["gender"]) == q[1]]
        if len(fits) != 1:
            raise ValueError(f"{len(fits)} people are {q[1]}")
        return d["names"][fits[0]]

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        parents, spouse = self._family(d)
        q = d["question"]
        said = " ".join(str(answer).replace("-", " ").split()).casefold()
        if q[0] == "word":
            words = relation_words(q[1], q[2], parents, spouse, d["gender"])
            if len(words) != 1:
                raise ValueError(f"the definitions give {sorted(words)}")
            want = words.pop()
            return Verdict(True) if said == want.replace("-", " ") else wrong(f"got {answer!r}, expected {want!r}")
        index = {n.casefold(): i for i, n in enumerate(d["names"])}
        if said not in index:
            return wrong(f"{answer!r} is not one of the people")
        holders = [z for z in range(len(d["names"])) if q[1] in relation_words(z, q[2], parents, spouse, d["gender"])]
        if len(holders) != 1:
            raise ValueError(f"{len(holders)} people are {q[1]}")
        return Verdict(True) if holders == [index[said]] else wrong(f"{answer} is not {d['names'][q[2]]}'s {q[1]}")

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right = self.solve(problem)
        if d["question"][0] == "word":
            pair = next(w for w in _PATHS.values() if right in w)
            converse = {"father": "son", "son": "father", "grandfather": "grandson", "grandson": "grandfather",
                        "uncle": "nephew", "nephew": "uncle", "father-in-law": "son-in-law",
                        "son-in-law": "father-in-law", "great-grandfather": "great-grandson",
                        "great-grandson": "great-grandfather", "husband": "brother-in-law",
                        "brother": "cousin", "cousin": "brother", "brother-in-law": "brother"}
            male = pair[0]
            other_sex = pair[1] if right == pair[0] else pair[0]
            cands = [converse.get(male, "uncle"), other_sex if other_sex != right else "uncle"]
            return distinct(right, [*cands, hedge(right, cands[0])])
        others = [n for n in d["names"] if n != right and n != d["names"][d["question"][2]]]
        picks = rng.sample(others, min(2, len(others)))
        return distinct(right, [*picks, hedge(right, picks[0])])
