"""dfa_run: run a deterministic finite automaton given as a table, sentences or edges.

Tests following a transition function step by step: the state after reading an input
(``ask=final``), whether the input is accepted (``ask=accepted``), or how many strings of a
list are accepted (``ask=count``).

Logic variables: ``states``, ``symbols`` (alphabet size), ``length`` (input length; the
listed strings for ``count`` have between half of it and all of it), ``ask``,
``candidates`` (how many strings ``count`` lists; the other asks read one input). Surface:
``representation`` (table, prose, edge list) and ``names`` (q0.., letters, colour words),
assigned to states in a shuffled order so the start state's name carries no hint.

Label: direct simulation over the transition dictionary. ``check`` is computed another way:
the state after an input composes each symbol's whole-state map (divide and conquer over the
input), and acceptance runs on the minimised automaton (Moore's partition refinement).
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
    match_string,
    wrong,
)

_SYMBOLS = "abcd"
_NAMES = {
    "q": [f"q{i}" for i in range(12)],
    "letters": list("EFGHJKLMPQRS"),  # none reads like a symbol (a..d) or a placeholder (N, X, Y)
    "colours": ["red", "blue", "green", "gold", "grey", "pink", "teal", "jade", "navy", "rose", "sand", "mint"],
}


def draw_dfa(rng: Random, n: int, k: int) -> tuple[list[list[int]], list[int]]:
    """delta[state][symbol] and the accepting states; state 0 starts and reaches every state."""
    delta = [[rng.randrange(n) for _ in range(k)] for _ in range(n)]
    used: set[tuple[int, int]] = set()
    for v in range(1, n):  # a tree of transitions, each on its own slot, so 0 reaches every state
        u, c = rng.choice([(u, c) for u in range(v) for c in range(k) if (u, c) not in used])
        used.add((u, c))
        delta[u][c] = v
    accepting = sorted(rng.sample(range(n), rng.randint(1, max(1, n - 1))))
    return delta, accepting


def run(delta: list[list[int]], word: list[int]) -> int:
    state = 0
    for c in word:
        state = delta[state][c]
    return state


def state_map(delta: list[list[int]], word: list[int]) -> tuple[int, ...]:
    """Where each state ends after reading ``word``: the composition of per-symbol maps."""
    if len(word) == 1:
        return tuple(row[word[0]] for row in delta)
    half = len(word) // 2
    first, second = state_map(delta, word[:half]), state_map(delta, word[half:])
    return tuple(second[first[s]] for s in range(len(delta)))


def minimise(delta: list[list[int]], accepting: list[int]) -> list[int]:
    """Block number of each state after Moore's refinement (equivalent states share a block)."""
    block = [int(s in accepting) for s in range(len(delta))]
    while True:
        keys = [(block[s], *(block[t] for t in delta[s])) for s in range(len(delta))]
        renumber = {key: i for i, key in enumerate(sorted(set(keys)))}
        new = [renumber[key] for key in keys]
        if len(set(new)) == len(set(block)):
            return new
        block = new


def accepts_minimised(delta: list[list[int]], accepting: list[int], word: list[int]) -> bool:
    block = minimise(delta, accepting)
    moves = {block[s]: [block[t] for t in delta[s]] for s in range(len(delta))}
    good = {block[s] for s in accepting}
    at = block[0]
    for c in word:
        at = moves[at][c]
    return at in good


@family("dfa_run", version=1, domain="automata", answer=(AnswerType.STRING, AnswerType.BOOLEAN, AnswerType.INTEGER),
        purpose="Run a finite automaton on input strings: the final state, acceptance, or how many are accepted.")
class DfaRun:
    states = IntRange(2, 12, base=5, levels=(2, 3, 5, 8, 12), help="number of states")
    symbols = IntRange(2, 4, base=2, help="alphabet size (a, b, c, d)")
    length = IntRange(1, 40, base=8, levels=(1, 4, 8, 16, 24, 40), help="input length")
    ask = Choice(("final", "accepted", "count"), base="final",
                 help="the state after the input, whether it is accepted, or how many listed strings are accepted")
    candidates = IntRange(2, 8, base=4, help="strings listed when ask=count (the other asks read one input)")
    representation = Choice(("table", "prose", "edges"), base="table", role="surface",
                            help="how the transitions are written")
    names = Choice(tuple(_NAMES), base="q", role="surface", help="state names")

    def generate(self, p: Params, rng: Random) -> Problem:
        n, k = p.states, p.symbols
        delta, accepting = draw_dfa(rng, n, k)
        names = _NAMES[p.names][:n]
        rng.shuffle(names)
        sym = _SYMBOLS[:k]
        if p.ask == "count":
            lo = max(1, p.length // 2)
            words = []
            while len(words) < min(p.candidates, sum(k ** size for size in range(lo, p.length + 1))):
                w = [rng.randrange(k) for _ in range(rng.randint(lo, p.length))]
                if w not in words:
                    words.append(w)
        else:
            words = [[rng.randrange(k) for _ in range(p.length)]]
        order = list(range(n))
        rng.shuffle(order)
        if p.representation == "table":
            width = max(len(x) for x in names)
            head = "state".ljust(width) + " | " + " | ".join(c.ljust(width) for c in sym)
            body = "Transition table (row: current state; column: symbol read; entry: next state):\n" + head + "\n" + \
                "\n".join(names[s].ljust(width) + " | " + " | ".join(names[t].ljust(width) for t in delta[s])
                          for s in order)
        elif p.representation == "prose":
            body = "\n".join(f"In state {names[s]}, " + ", ".join(
                f"reading {sym[c]} {'stays in' if t == s else 'moves to'} {names[t]}" for c, t in enumerate(delta[s]))
                + "." for s in order)
        else:
            body = "Each line `FROM --x--> TO` means: in state FROM, reading symbol x moves to state TO.\n" + "\n".join(
                f"{names[s]} --{sym[c]}--> {names[t]}" for s in order for c, t in enumerate(delta[s]))
        good = sorted(names[s] for s in accepting)
        intro = (f"A deterministic finite automaton reads a string one symbol at a time, from left to right, "
                 f"following one transition per symbol. Its symbols are {', '.join(sym)}; its states are "
                 f"{', '.join(sorted(names))}. It starts in state {names[0]}. "
                 + (f"The accepting states are {', '.join(good)}." if len(good) > 1 else
                    f"The only accepting state is {good[0]}.")
                 + " A string is accepted when the automaton is in an accepting state after reading all of it.")
        text = ["".join(sym[c] for c in w) for w in words]
        if p.ask == "final":
            question = f"The automaton reads the input {text[0]} from its start state. In which state does it end?"
            form, answer_type = AnswerType.STRING.sentence("the name of that state"), AnswerType.STRING
        elif p.ask == "accepted":
            question = f"The automaton reads the input {text[0]} from its start state. Is the input accepted?"
            form, answer_type = AnswerType.BOOLEAN.sentence(), AnswerType.BOOLEAN
        else:
            question = ("Each of these strings is read from the start state:\n" + "\n".join(f"- {t}" for t in text)
                        + "\nHow many of them are accepted?")
            form, answer_type = AnswerType.INTEGER.sentence("the number of accepted strings"), AnswerType.INTEGER
        prompt = f"{intro}\n\n{body}\n\n{question}\n{form}"
        return Problem(prompt, {"delta": delta, "accepting": accepting, "names": names, "words": words,
                                "ask": p.ask}, answer_type)

    def solve(self, problem: Problem):
        d = problem.data
        ends = [run(d["delta"], w) for w in d["words"]]
        if d["ask"] == "final":
            return d["names"][ends[0]]
        if d["ask"] == "accepted":
            return ends[0] in d["accepting"]
        return sum(e in d["accepting"] for e in ends)

    def check(self, problem: Problem, answer) -> Verdict:
        d = problem.data
        if d["ask"] == "final":
            return match_string(answer, d["names"][state_map(d["delta"], d["words"][0])[0]])
        verdicts = [accepts_minimised(d["delta"], d["accepting"], w) for w in d["words"]]
        if d["ask"] == "accepted":
            if not isinstance(answer, bool):
                return wrong(f"{answer!r} is not true or false")
            return Verdict(answer == verdicts[0], "" if answer == verdicts[0] else f"expected {verdicts[0]}")
        return match_integer(answer, sum(verdicts))

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        d = problem.data
        right = self.solve(problem)
        delta, words = d["delta"], d["words"]
        if d["ask"] == "accepted":
            return ["false" if right else "true", hedge("true", "false")]
        if d["ask"] == "count":
            backwards = sum(run(delta, w[::-1]) in d["accepting"] for w in words)
            rejected = len(words) - right
            cands = [str(backwards), str(rejected), str(right + 1), str(max(0, right - 1))]
            return distinct(str(right), cands + [hedge(str(right), str(right + 1))])
        w = words[0]
        early = run(delta, w[:-1])  # one symbol short, a symbol misread, the start state
        misread = delta[early][(w[-1] + 1) % len(delta[0])]
        cands = [d["names"][early], d["names"][misread], d["names"][run(delta, w[1:])], d["names"][0]]
        others = [x for x in d["names"] if x != right]
        return distinct(right, cands + [rng.choice(others), hedge(right, rng.choice(others))])[:5]
