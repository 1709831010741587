"""word_problem: a GSM-style word problem built from a reasoning graph of quantities.

Each person's count is stated or defined from others' counts (more, fewer, times, a
fraction of, combined); the question asks for the total of ``width`` people's counts,
the longest chain of facts behind them being ``depth`` long. Distractor facts mention
other people or other items and feed nothing that is asked; no person is ever told two
counts of one item. Names, setting and the order the facts are told in are surface: the
same facts in any order or skin.
"""

from __future__ import annotations

from random import Random

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
    wrong,
)

_NAMES = {
    "english": (
        "Ava Ben Chloe Dylan Emma Finn Grace Henry Isla Jack Kate Liam Mia Noah Olivia Owen Piper "
        "Quinn Ruby Sam Tara Theo Uma Victor Wendy Xavier Yara Zack Alice Bella Caleb Daisy Ethan "
        "Fiona George Hazel Ian Julia Kevin Lucy"),
    "spanish": (
        "Alba Bruno Carmen Diego Elena Felipe Gloria Hugo Ines Javier Lucia Mateo Nuria Oscar Pablo "
        "Rocio Sergio Teresa Ulises Valeria Ximena Yolanda Adrian Beatriz Cristina Dario Esteban "
        "Fabiola Gonzalo Ignacio Jimena Leticia Marcos Noelia Pilar Ramiro Sofia Tomas Vicente "
        "Zaira"),
    "japanese": (
        "Akira Ayumi Daiki Emi Haruto Hana Hiroshi Ichiro Kaito Kana Kenji Koharu Mai Makoto Mio "
        "Naoki Nanami Riku Rin Ryo Sakura Satoshi Shota Sora Takumi Tomoko Yui Yuki Yuto Asahi Aoi "
        "Hinata Kenta Miyu Noa Ren Sota Taro Yuna Mei"),
    "swahili": (
        "Amani Baraka Chausiku Dalila Eshe Faraji Furaha Hamisi Imani Jabari Jamila Kamaria Kesi "
        "Lulu Makena Malaika Mosi Nia Nuru Obi Pendo Rehema Sefu Subira Tumaini Upendo Wambui Zuri "
        "Ayo Bakari Chiku Dede Femi Halima Issa Juma Kito Neema Sanaa Tatu"),
    "fantasy": (
        "Aldric Brynn Caelum Darya Elowen Fenwick Galen Isolde Jorah Kestrel Lyra Merrin Nyx Orrin "
        "Perrin Quillon Rhosyn Soren Talia Ulric Vesper Wren Xandor Ysolde Zephyr Aric Brenna "
        "Corwin Dain Elara Faelan Gwyn Halden Ilsa Kael Liora Maelis Nerys Oberon Thorne"),
}
_POOL = 40  # every name pool has exactly this many names
_CAP = 30  # at most this many people feed the graph; distractors add at most 6 more
# setting -> (intro, main item (singular, plural), other items)
_SETTINGS = {
    "fruit_market": ("At the fruit market, some traders compare how many {p} they have for sale.",
                     ("apple", "apples"), [("pear", "pears"), ("plum", "plums"), ("melon", "melons")]),
    "library": ("Some friends compare how many {p} they have borrowed from the library.",
                ("book", "books"), [("magazine", "magazines"), ("map", "maps"), ("comic", "comics")]),
    "space_station": ("On a space station, the crew members compare how many {p} each of them has stored.",
                      ("oxygen canister", "oxygen canisters"),
                      [("ration pack", "ration packs"), ("repair kit", "repair kits"),
                       ("water tank", "water tanks")]),
    "farm": ("On a farm, some farmers compare how many {p} they collected this morning.",
             ("egg", "eggs"), [("potato", "potatoes"), ("carrot", "carrots"), ("onion", "onions")]),
    "toy_shop": ("In a toy shop, some children compare how many {p} they own.",
                 ("marble", "marbles"), [("kite", "kites"), ("puzzle", "puzzles"), ("yo-yo", "yo-yos")]),
}
_KINDS = {"add": ("more", "combined"), "add_sub": ("more", "combined", "fewer"),
          "add_sub_mul": ("more", "combined", "fewer", "times"),
          "all": ("more", "combined", "fewer", "times", "fraction")}
_TIMES = {2: "twice", 3: "three times", 4: "four times", 5: "five times"}
_PART = {2: "half", 3: "a third", 4: "a quarter", 5: "a fifth"}


def apply(kind: str, n: int, args: list[int]) -> int:
    """The value a fact defines from its number ``n`` and its inputs' values."""
    return {"given": lambda: n, "more": lambda: args[0] + n, "fewer": lambda: args[0] - n,
            "times": lambda: args[0] * n, "fraction": lambda: args[0] // n,
            "combined": lambda: sum(args)}[kind]()


class _Graph:
    """Draws nodes {kind, args, n, value, level}; every node is one person's count."""

    def __init__(self, p: Params, rng: Random):
        self.rng, self.kinds, self.nodes = rng, _KINDS[p.ops], []
        self.lo, self.hi = max(1, 10 ** (p.number_size - 1)), 10 ** p.number_size - 1
        self.real: int | None = None  # once set, only the first `real` nodes may be inputs

    def new(self, kind: str, args: list[int], n: int, level: int) -> int:
        value = apply(kind, n, [self.nodes[a]["value"] for a in args])
        self.nodes.append({"kind": kind, "args": args, "n": n, "value": value, "level": level})
        return len(self.nodes) - 1

    def make(self, level: int) -> int:
        if level == 1:
            return self.new("given", [], self.rng.randint(self.lo, self.hi), 1)
        pool = [i for i, nd in enumerate(self.nodes) if nd["level"] == level - 1]
        if pool and (self.rng.random() < 0.4 or len(self.nodes) + level > _CAP):
            return self.derive(self.rng.choice(pool), level)
        return self.derive(self.make(level - 1), level)

    def derive(self, parent: int, level: int) -> int:
        pv = self.nodes[parent]["value"]
        inputs = range(self.real if self.real is not None else len(self.nodes))
        others = [i for i in inputs if i != parent and self.nodes[i]["level"] < level]
        parts = [k for k in (2, 3, 4, 5) if pv % k == 0]
        ok = {"more": True, "fewer": pv >= 2, "times": True, "fraction": bool(parts),
              "combined": bool(others) or (self.real is None and len(self.nodes) < _CAP)}
        kind = self.rng.choice([k for k in self.kinds if ok[k]])
        if kind == "combined":
            reuse = self.real is not None or len(self.nodes) >= _CAP or self.rng.random() < 0.7
            other = self.rng.choice(others) if others and reuse else self.make(1)
            return self.new(kind, self.rng.sample([parent, other], 2), 0, level)
        n = {"more": lambda: self.rng.randint(self.lo, self.hi),
             "fewer": lambda: self.rng.randint(min(self.lo, pv - 1), min(self.hi, pv - 1)),
             "times": lambda: self.rng.randint(2, 5), "fraction": lambda: self.rng.choice(parts)}[kind]()
        return self.new(kind, [parent], n, level)


def values(data: dict) -> dict[str, int]:
    """Reference: evaluate every main-item fact by memoised depth-first (topological) recursion."""
    facts = {f["who"]: f for f in data["facts"] if f["item"] == data["item"]}
    memo: dict[str, int] = {}

    def val(name: str) -> int:
        if name not in memo:
            f = facts[name]
            memo[name] = apply(f["kind"], f["n"], [val(a) for a in f["of"]])
        return memo[name]

    for name in facts:
        val(name)
    return memo


def _sentence(f: dict, one: str, many: str) -> str:
    who, n, of = f["who"], f["n"], f["of"]
    noun = one if n == 1 else many
    return {"given": lambda: f"{who} has {n} {noun}.",
            "more": lambda: f"{who} has {n} more {noun} than {of[0]}.",
            "fewer": lambda: f"{who} has {n} fewer {noun} than {of[0]}.",
            "times": lambda: f"{who} has {_TIMES.get(n)} as many {many} as {of[0]}.",
            "fraction": lambda: f"{who} has {_PART.get(n)} as many {many} as {of[0]}.",
            "combined": lambda: f"{who} has as many {many} as {of[0]} and {of[1]} combined."}[f["kind"]]()


@family("word_problem", version=3, domain="math_word", answer=AnswerType.INTEGER,
        purpose="Answer a word problem whose quantities are defined from each other in a dependency graph.")
class WordProblem:
    depth = IntRange(1, 8, base=3, levels=(1, 2, 3, 5, 8),
                     help="facts in the longest chain behind the asked counts")
    width = IntRange(1, 5, base=2, levels=(1, 2, 3, 5), help="how many people's counts the question adds up")
    number_size = IntRange(1, 4, base=2, levels=(1, 2, 3, 4), help="digits of the stated numbers")
    distractors = IntRange(0, 6, base=1, levels=(0, 1, 2, 4, 6), help="facts that feed nothing asked")
    ops = Choice(("add", "add_sub", "add_sub_mul", "all"), base="add_sub", ordered=True,
                 help="relations used: more/combined, +fewer, +times, +fraction of")
    names = Choice(tuple(_NAMES), base="english", role="surface", help="pool of person names")
    setting = Choice(tuple(_SETTINGS), base="fruit_market", role="surface",
                     help="the story and the items counted")
    order = Choice(("dependency", "shuffled", "reversed"), base="dependency", role="surface",
                   help="order the same facts are told in")

    def generate(self, p: Params, rng: Random) -> Problem:
        g = _Graph(p, rng)
        asked = [g.make(p.depth)] + [g.make(rng.randint(1, p.depth)) for _ in range(p.width - 1)]
        g.real = real = len(g.nodes)
        person = list(range(real))  # node -> person number; other-item facts reuse a person
        others: dict[int, int] = {}  # node -> index of the other item it counts
        told: set[tuple[int, int]] = set()  # (person, other item) pairs already given a count
        for _ in range(p.distractors):
            base = rng.randrange(real)
            other = rng.randrange(3)
            if (base, other) in told:  # never a second, different count for the same person and item
                free = [(b, k) for b in range(real) for k in range(3) if (b, k) not in told]
                base, other = rng.choice(free) if free else (base, None)
            if other is None or rng.random() < 0.6:
                person.append(len(set(person)))
                g.derive(base, g.nodes[base]["level"] + 1)
            else:
                told.add((base, other))
                person.append(person[base])
                others[len(g.nodes)] = other
                g.nodes.append({"kind": "given", "args": [base], "n": rng.randint(g.lo, g.hi)})
        order = list(range(real))
        for i in range(real, len(g.nodes)):  # each distractor somewhere after the facts it follows from
            first = 1 + max(order.index(a) for a in g.nodes[i]["args"])
            order.insert(rng.randint(first, len(order)), i)
        perm, shuffle = rng.sample(range(_POOL), len(set(person))), rng.sample(order, len(order))
        order = shuffle if p.order == "shuffled" else order[::-1] if p.order == "reversed" else order
        pool = _NAMES[p.names].split()
        intro, main, items = _SETTINGS[p.setting]
        name = lambda i: pool[perm[person[i]]]
        facts = [{"who": name(i), "kind": g.nodes[i]["kind"], "n": g.nodes[i]["n"],
                  "of": [] if i in others else [name(a) for a in g.nodes[i]["args"]],
                  "item": items[others[i]][1] if i in others else main[1]} for i in order]
        lines = [_sentence(f, *(items[others[i]] if i in others else main))
                 for i, f in zip(order, facts, strict=True)]
        who = [name(i) for i in asked]
        if len(who) == 1:
            question = f"How many {main[1]} does {who[0]} have?"
        else:
            question = f"How many {main[1]} do {', '.join(who[:-1])} and {who[-1]} have altogether?"
        prompt = (intro.format(p=main[1]) + " Every count is a whole number.\n\n" + " ".join(lines) + "\n\n"
                  + question + "\n" + AnswerType.INTEGER.sentence(f"the number of {main[1]}"))
        return Problem(prompt, {"item": main[1], "facts": facts, "ask": who}, AnswerType.INTEGER)

    def solve(self, problem: Problem) -> int:
        vals = values(problem.data)
        return sum(vals[w] for w in problem.data["ask"])

    def unsolvable(self, problem: Problem, rng: Random) -> Problem | None:
        """The same problem with one given count the question needs deleted, so that no
        answer follows (a probe for answering confidently when nothing can be answered)."""
        facts = problem.data["facts"]
        item = problem.data["item"]
        by_who = {f["who"]: f for f in facts if f["item"] == item}
        needed, todo = set(), list(problem.data["ask"])
        while todo:
            who = todo.pop()
            if who not in needed:
                needed.add(who)
                todo.extend(by_who[who]["of"])
        givens = [f for f in facts if f["item"] == item and f["kind"] == "given" and f["who"] in needed]
        if not givens:
            return None
        gone = rng.choice(givens)
        sentence = _sentence(gone, *_SETTINGS[problem.params["setting"]][1])
        if problem.prompt.count(sentence) != 1:
            return None
        data = {**problem.data, "facts": [f for f in facts if f is not gone], "unsolvable": True}
        return Problem(problem.prompt.replace(sentence + " ", "").replace(sentence, ""), data,
                       problem.answer_type, problem.params)

    def check(self, problem: Problem, answer) -> Verdict:
        # Independent: fixpoint iteration over the facts list, settling any fact whose inputs are known.
        known: dict[str, int] = {}
        pending = [f for f in problem.data["facts"] if f["item"] == problem.data["item"]]
        while pending:
            ready = [f for f in pending if all(a in known for a in f["of"])]
            if not ready:
                return wrong("problem error: the facts do not determine every count")
            for f in ready:
                x = [known[a] for a in f["of"]]
                k, n = f["kind"], f["n"]
                if k == "fraction" and x[0] % n:
                    return wrong("problem error: a fraction is not whole")
                known[f["who"]] = (n if k == "given" else x[0] + n if k == "more"
                                   else x[0] - n if k == "fewer" else x[0] * n if k == "times"
                                   else x[0] // n if k == "fraction" else x[0] + x[1])
            pending = [f for f in pending if f["who"] not in known]
        return match_integer(answer, sum(known[w] for w in problem.data["ask"]))

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        data, vals = problem.data, values(problem.data)
        total = sum(vals[w] for w in data["ask"])
        cands = []
        by_who = {f["who"]: f for f in data["facts"] if f["item"] == data["item"]}
        deepest = by_who[data["ask"][0]]
        if deepest["of"]:  # stopped one step short on the longest chain
            cands.append(str(total - vals[deepest["who"]] + vals[rng.choice(deepest["of"])]))
        asked = set(data["ask"])
        extra = [f for f in data["facts"] if f["item"] != data["item"] or f["who"] not in asked
                 and not any(f["who"] in g["of"] for g in data["facts"])]
        if extra:  # a distractor's quantity (or a leaf nobody asked about)
            f = rng.choice(extra)
            cands.append(str(f["n"] if f["item"] != data["item"] else vals[f["who"]]))
        cands += [str(total + 1), str(total - 1), hedge(str(total), str(total + 1))]
        return distinct(str(total), cands)[:5]
