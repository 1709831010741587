"""knights_knaves: knights always tell the truth, knaves always lie; who is a knight?

Statements are trees: ["is", person, 1=knight|0=knave], ["not", t], ["and"|"or"|"if"|"iff", a, b],
["exactly", k, [people]]. The generator fixes a hidden assignment, then adds statements that fit
it, each the best of a few random draws at ruling out rival assignments (a tree is evaluated over
all 2^n assignments at once as a bitmask), until exactly one assignment is consistent.
"""

from __future__ import annotations

from functools import reduce
from itertools import combinations, islice, product
from operator import and_
from random import Random

from unseen.author import AnswerType, Choice, Flag, IntRange, Params, Problem, Verdict, distinct, family, hedge

_NAMES = {
    "classic": ("Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi"),
    "greek": ("Ajax", "Chloe", "Damon", "Helen", "Iris", "Jason", "Leda", "Theo"),
    "nordic": ("Astrid", "Bjorn", "Freya", "Gunnar", "Ingrid", "Leif", "Sigrid", "Sven"),
    "letters": ("A", "B", "C", "D", "E", "F", "G", "H"),
}
_ISLANDS = {  # island -> (good type, bad type, good plural, bad plural)
    "knights": ("a knight", "a knave", "knights", "knaves"),
    "truth_tellers": ("a truth-teller", "a liar", "truth-tellers", "liars"),
    "angels": ("an angel", "a demon", "angels", "demons"),
}
_KINDS = ("and_or", "implies", "iff", "counting")
_BINARY = {"and_or": ["and", "or"], "implies": ["if"], "iff": ["iff"]}


def masks(n: int) -> tuple[int, list[int]]:
    """All-ones mask over the 2^n assignments, and the mask of 'person p is a knight'."""
    full = (1 << (1 << n)) - 1
    return full, [sum(1 << a for a in range(1 << n) if a >> p & 1) for p in range(n)]


def truth_mask(node: list, full: int, knight: list[int]) -> int:
    op = node[0]
    if op == "is":
        return knight[node[1]] if node[2] else full ^ knight[node[1]]
    if op == "exactly":  # OR over the k-subsets that are knights while the rest are knaves
        out = 0
        for chosen in combinations(node[2], node[1]):
            out |= reduce(and_, (knight[q] if q in chosen else full ^ knight[q] for q in node[2]), full)
        return out
    if op == "not":
        return full ^ truth_mask(node[1], full, knight)
    return combine(op, truth_mask(node[1], full, knight), truth_mask(node[2], full, knight), full)


def combine(op: str, a: int, b: int, full: int) -> int:
    return {"and": a & b, "or": a | b, "if": (full ^ a) | b, "iff": full ^ (a ^ b)}[op]


def tidy_mask(node: list, full: int, knight: list[int]) -> int | None:
    """The truth mask, or None when some part is constant or a connective adds nothing to a part."""
    if node[0] in ("is", "exactly"):
        m = truth_mask(node, full, knight)
    else:
        kids = [tidy_mask(k, full, knight) for k in node[1:]]
        if None in kids:
            return None
        m = full ^ kids[0] if node[0] == "not" else combine(node[0], kids[0], kids[1], full)
        if node[0] != "not" and m in (*kids, *(full ^ k for k in kids)):
            return None
    return None if m in (0, full) else m


def draw_tree(rng: Random, height: int, ops: list[str], pool: list[int]) -> list:
    if height == 0:
        return ["is", rng.choice(pool), rng.randint(0, 1)]
    if height == 1:
        op = rng.choice([o for o in ops if o != "not"])
        if op == "exactly":
            group = sorted(rng.sample(pool, min(len(pool), rng.randint(2, 3))))
            return ["exactly", rng.randint(1, len(group) - 1), group]
    else:
        op = rng.choice([o for o in ops if o != "exactly"])
    if op == "not":
        return ["not", draw_tree(rng, height - 1, ops, pool)]
    side = rng.randint(0, min(1, height - 1))
    kids = [draw_tree(rng, height - 1, ops, pool), draw_tree(rng, side, ops, pool)]
    rng.shuffle(kids)
    return [op, *kids]


def solve_puzzle(rng: Random, n: int, truth: int, talkers: list[int], p: Params, allow_self: bool):
    """Statements [[speaker, tree]] under which `truth` is the only consistent assignment."""
    full, knight = masks(n)
    ops = [o for k in _KINDS[:_KINDS.index(p.statement_kinds) + 1] for o in _BINARY.get(k, ["exactly"])]
    ops += ["not"] if p.nesting > 1 else []

    def fits(s: int, tree: list) -> int:  # assignments where speaker s's statement fits s's type
        return full ^ (knight[s] ^ truth_mask(tree, full, knight))

    def draw(s: int) -> list[tuple[int, list]]:  # up to 6 tidy statements that fit `truth`
        pool = [q for q in range(n) if allow_self or q != s]
        for height in range(p.nesting, 0, -1):  # shallower only when no deep one turns up
            trees = (draw_tree(rng, height, ops, pool) for _ in range(60))
            fitting = ((fits(s, t), t) for t in trees if tidy_mask(t, full, knight) is not None)
            out = list(islice(((f, t) for f, t in fitting if f >> truth & 1 and f != full), 6))
            if out:
                return out
        return []

    alive, said, turn = full, [], 0
    while (alive != 1 << truth or turn < len(talkers)) and turn < 3 * n:
        s = talkers[turn % len(talkers)]
        turn += 1
        options = draw(s)
        f, tree = min(options, key=lambda o: (alive & o[0]).bit_count()) if options else (full, None)
        if tree and (alive & f != alive or turn <= len(talkers)):  # everyone speaks once
            alive &= f
            said.append([s, tree])
    while alive != 1 << truth:  # rare; a two-atom and/or statement ruling out a rival always exists
        rival = next(a for a in range(1 << n) if alive >> a & 1 and a != truth)
        best = (1 << n, None)
        for s in talkers:
            for x, y in combinations([q for q in range(n) if allow_self or q != s], 2):
                for op, px, py in product(("and", "or"), (0, 1), (0, 1)):
                    tree = [op, ["is", x, px], ["is", y, py]]
                    f = fits(s, tree)
                    if f >> truth & 1 and not f >> rival & 1 and (alive & f).bit_count() < best[0]:
                        best = ((alive & f).bit_count(), [s, tree])
        alive &= fits(*best[1])
        said.append(best[1])
    for _ in range(p.extra_statements):
        s = rng.choice(talkers)
        said += [[s, tree] for _, tree in draw(s)[:1]]
    return said


@family("knights_knaves", version=2, domain="logic", answer=AnswerType.SET,
        purpose="Decide who is a knight on an island of knights (truthful) and knaves (liars).")
class KnightsKnaves:
    people = IntRange(2, 8, base=3, help="number of inhabitants")
    nesting = IntRange(1, 4, base=2, help="connective levels per statement (fewer if too few people)")
    statement_kinds = Choice(_KINDS, base="implies", ordered=True,
                             help="connectives allowed: and/or/not, + if-then, + iff, + 'exactly k of'")
    quiet = IntRange(0, 3, base=0, help="inhabitants who say nothing (at most people - 1)")
    self_reference = Flag(base=False, help="speakers may talk about themselves (always on with 2 people)")
    knights = Choice(("random", "few", "many"), base="random",
                     help="hidden share of knights: coin flips, at most n/3, or all but n/3")
    extra_statements = IntRange(0, 3, base=0, help="redundant true-to-type statements added at the end")
    names = Choice(tuple(_NAMES), base="classic", role="surface", help="name pool")
    island = Choice(tuple(_ISLANDS), base="knights", role="surface", help="the two types' names")

    def generate(self, p: Params, rng: Random) -> Problem:
        n = p.people
        names = list(_NAMES[p.names][:n])
        rng.shuffle(names)
        if p.knights == "random":
            good = [q for q in range(n) if rng.random() < 0.5]
        else:
            k = rng.randint(0, max(1, n // 3))
            good = sorted(rng.sample(range(n), k if p.knights == "few" else n - k))
        truth = sum(1 << q for q in good)
        talkers = sorted(rng.sample(range(n), n - min(p.quiet, n - 1)))
        said = solve_puzzle(rng, n, truth, talkers, p, p.self_reference or n == 2)
        said.sort(key=lambda st: st[0])
        words = _ISLANDS[p.island]
        good_t, bad_t, plural, bad_plural = words
        lines = [f'{names[s]} {"also " if i and said[i - 1][0] == s else ""}says: '
                 f'"{speak(tree, s, names, words, True)}."'
                 for i, (s, tree) in enumerate(said)]
        silent = [names[q] for q in range(n) if q not in {s for s, _ in said}]
        if silent:
            lines.append(f"{and_list(silent)} {'say' if len(silent) > 1 else 'says'} nothing.")
        prompt = (f"On an island, every inhabitant is either {good_t} or {bad_t}: {plural} always "
                  f"tell the truth and {bad_plural} always lie. "
                  f"You meet {n} inhabitants: {', '.join(names)}.\n\n" + "\n".join(lines) +
                  "\n\nEach statement is true or false as a whole. 'Or' means at least one of the two, "
                  "possibly both; 'if X, then Y' is false only when X is true and Y is false; "
                  "'X if and only if Y' is true when X and Y are both true or both false; 'exactly k of' "
                  "means precisely k. Exactly one way of giving everyone a type fits all the statements.\n"
                  f"Who are the {plural}? " + AnswerType.SET.sentence("their names", empty=f"there are no {plural}"))
        return Problem(prompt, {"names": names, "statements": said}, AnswerType.SET)

    def solve(self, problem: Problem) -> list[str]:
        names = problem.data["names"]
        full, knight = masks(len(names))
        alive = full
        for s, tree in problem.data["statements"]:
            alive &= full ^ (knight[s] ^ truth_mask(tree, full, knight))
        a = alive.bit_length() - 1  # the generator left exactly one assignment alive
        return sorted(names[q] for q in range(len(names)) if a >> q & 1) or ["none"]

    def check(self, problem: Problem, answer) -> Verdict:
        # Evaluate every statement under the candidate assignment alone, by direct recursion.
        names = problem.data["names"]
        index = {nm.casefold(): q for q, nm in enumerate(names)}
        picked = [str(x).strip().casefold() for x in answer]
        picked = [] if picked == ["none"] else picked
        if any(x not in index for x in picked):
            return Verdict(False, f"unknown names in {answer}")
        good = {index[x] for x in picked}

        def holds(t: list) -> bool:
            if t[0] == "is":
                return (t[1] in good) == bool(t[2])
            if t[0] == "exactly":
                return len(good.intersection(t[2])) == t[1]
            if t[0] == "not":
                return not holds(t[1])
            a, b = holds(t[1]), holds(t[2])
            return {"and": a and b, "or": a or b, "if": not a or b, "iff": a == b}[t[0]]

        for s, tree in problem.data["statements"]:
            if holds(tree) != (s in good):
                return Verdict(False, f"{names[s]}'s statement does not fit {names[s]}'s type")
        return Verdict(True)

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        names = problem.data["names"]
        right = [x for x in self.solve(problem) if x != "none"]
        flip = rng.choice(names)
        sets = [[x for x in names if x not in right], sorted(set(right) ^ {flip}), names]
        cands = [AnswerType.SET.render(x or ["none"]) for x in sets]
        right_s = AnswerType.SET.render(right or ["none"])
        return distinct(right_s, cands + [hedge(right_s, cands[0])])


def and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def speak(t: list, me: int, names: list[str], words: tuple, top: bool = False) -> str:
    """A statement tree in English, said by person `me`; nested compound parts go in parentheses."""
    part = lambda x: speak(x, me, names, words) if x[0] == "is" else f"({speak(x, me, names, words)})"
    if t[0] == "is":
        kind = words[0] if t[2] else words[1]
        text = f"I am {kind}" if t[1] == me else f"{names[t[1]]} is {kind}"
    elif t[0] == "exactly":
        who = [names[q] for q in t[2] if q != me] + (["me"] if me in t[2] else [])
        verb = f"is {words[0]}" if t[1] == 1 else f"are {words[2]}"
        text = f"exactly {['one', 'two'][t[1] - 1]} of {and_list(who)} {verb}"
    elif t[0] == "not":
        text = f"it is not true that {part(t[1])}"
    elif t[0] == "if":
        text = f"if {part(t[1])}, then {part(t[2])}"
    else:
        text = f"{part(t[1])} {'if and only if' if t[0] == 'iff' else t[0]} {part(t[2])}"
    return text[0].upper() + text[1:] if top else text
