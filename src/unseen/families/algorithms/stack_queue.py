"""stack_queue: the same stack / queue / deque logic told in three skins.

The skin (a card game, an operating-system scheduler, a warehouse) is a surface
variable: it changes only the telling, so a model whose score moves with it is
reacting to the story, not to the logic.
"""

from __future__ import annotations

from collections import deque
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
    match_sequence,
    match_string,
    sequence_misses,
)

# skin -> (item maker, {op: phrase}); phrases take the item as {x}; "ends" orders a deque front to back
_SKINS = {
    "cards": (
        lambda i: f"card-{i}",
        {
            "intro": {"stack": "You keep a face-down pile of cards.",
                      "queue": "You keep a deck; new cards go under the bottom, you deal from the top.",
                      "deque": "You keep a deck you may touch at both ends, the top and the bottom."},
            "push": "Put {x} on the pile.", "push_back": "Slide {x} under the bottom of the deck.",
            "push_front": "Put {x} on top of the deck.", "pop": "Take the top card off the pile.",
            "pop_front": "Deal the top card.", "pop_back": "Pull the bottom card out.",
            "peek": "Look at the top card of the pile without moving it.",
            "peek_front": "Look at the top card of the deck without moving it.",
            "peek_back": "Look at the bottom card of the deck without moving it.",
            "ends": "in order from the top of the deck to the bottom",
        },
    ),
    "os_scheduler": (
        lambda i: f"pid-{100 + i}",
        {
            "intro": {"stack": "A scheduler keeps its runnable processes on a LIFO stack.",
                      "queue": "A scheduler keeps its runnable processes in a FIFO ready queue.",
                      "deque": "A work-stealing scheduler keeps runnable processes in a double-ended queue."},
            "push": "Process {x} is pushed onto the stack.", "push_back": "Process {x} joins the back of the queue.",
            "push_front": "Process {x} is inserted at the front of the queue.",
            "pop": "The scheduler dispatches the process on top of the stack.",
            "pop_front": "The scheduler dispatches the process at the front.",
            "pop_back": "A thief steals the process at the back.",
            "peek": "The monitor reads which process is on top of the stack.",
            "peek_front": "The monitor reads which process is at the front.",
            "peek_back": "The monitor reads which process is at the back.",
            "ends": "in order from the front of the queue to the back",
        },
    ),
    "warehouse": (
        lambda i: f"pallet-{i:02d}",
        {
            "intro": {"stack": "A warehouse stacks pallets in a single column; only the top one can be reached.",
                      "queue": "A warehouse conveyor receives pallets at its back and ships from its front.",
                      "deque": "A warehouse lane can be loaded and unloaded from both its front and back doors."},
            "push": "Stack {x} on the column.", "push_back": "Load {x} through the back door.",
            "push_front": "Load {x} through the front door.", "pop": "Ship the pallet on top of the column.",
            "pop_front": "Ship the pallet at the front door.", "pop_back": "Ship the pallet at the back door.",
            "peek": "Check the label of the pallet on top of the column.",
            "peek_front": "Check the label of the pallet at the front door.",
            "peek_back": "Check the label of the pallet at the back door.",
            "ends": "in order from the front door to the back door",
        },
    ),
}

_OPS = {
    "stack": {"add": ["push"], "take": ["pop"], "look": ["peek"]},
    "queue": {"add": ["push_back"], "take": ["pop_front"], "look": ["peek_front"]},
    "deque": {"add": ["push_back", "push_front"], "take": ["pop_front", "pop_back"],
              "look": ["peek_front", "peek_back"]},
}

_ASK = {
    "log": "List, in order, every item that was taken out or looked at.",
    "final": "List the items still held at the end, {order}.",
    "last_out": "Which item was the last one taken out?",
}


def draw_script(rng: Random, ops: int, structure: str, peeks: int, pool: int) -> list[list]:
    """A list of [op, item] steps that never takes from an empty container."""
    size, script = 0, []
    takes = rng.randint(max(1, ops // 3), max(1, ops // 2))
    slots = ["take"] * takes + ["add"] * (ops - takes)
    rng.shuffle(slots)
    slots[0] = "add"
    looks_left = peeks
    for kind in slots:
        if kind == "take" and size == 0:
            kind = "add"
        op = rng.choice(_OPS[structure][kind])
        item = rng.randrange(1, pool + 1) if kind == "add" else None
        script.append([op, item])
        size += 1 if kind == "add" else -1
        if looks_left and size > 0 and rng.random() < 0.5:
            script.append([rng.choice(_OPS[structure]["look"]), None])
            looks_left -= 1
    if looks_left and size > 0:
        script.extend([[rng.choice(_OPS[structure]["look"]), None]] * looks_left)
    if not any(op.startswith("pop") for op, _ in script):
        script.append([_OPS[structure]["take"][0], None])
    return script


def replay(structure: str, script: list[list]) -> tuple[list[int], list[int], list[int]]:
    """Reference: run the script on a collections.deque; returns (log, taken, final)."""
    d: deque[int] = deque()
    log, taken = [], []
    for op, item in script:
        if op in ("push", "push_back"):
            d.append(item)
        elif op == "push_front":
            d.appendleft(item)
        elif op in ("pop", "pop_back"):
            taken.append(d.pop()); log.append(taken[-1])
        elif op == "pop_front":
            taken.append(d.popleft()); log.append(taken[-1])
        elif op == "peek" or op == "peek_back":
            log.append(d[-1])
        elif op == "peek_front":
            log.append(d[0])
    final = list(reversed(d)) if structure == "stack" else list(d)
    return log, taken, final


@family("stack_queue", version=3, domain="algorithms", answer=(AnswerType.SEQUENCE, AnswerType.STRING),
        purpose="Track a stack, queue or deque through a script of operations, told in one of three skins.")
class StackQueue:
    ops = IntRange(2, 60, base=8, levels=(4, 8, 16, 32, 48), role="logic",
                   help="number of add/take operations")
    structure = Choice(("stack", "queue", "deque"), base="stack", role="logic",
                       help="which container the script drives")
    peeks = IntRange(0, 10, base=1, levels=(0, 1, 3, 6), role="logic",
                     help="reads mixed into the writes")
    pool = IntRange(3, 30, base=10, levels=(3, 10, 30), simplest=30, role="logic",
                    help="distinct item labels; few labels mean many look-alike repeats")
    ask = Choice(("last_out", "log", "final"), base="log", role="logic",
                 help="what the question asks for")
    skin = Choice(("cards", "os_scheduler", "warehouse"), base="cards", role="surface",
                  help="the story the same operations are told in")

    def generate(self, p: Params, rng: Random) -> Problem:
        script = draw_script(rng, p.ops, p.structure, p.peeks, p.pool)
        name, phrases = _SKINS[p.skin]
        labels = {i: name(i) for i in range(1, p.pool + 1)}
        lines = [phrases["intro"][p.structure] + " It starts empty."]
        for n, (op, item) in enumerate(script, 1):
            lines.append(f"{n}. " + phrases[op].format(x=labels.get(item, "")))
        # a two-ended container takes from either end: name the ends in the skin's own words
        order = phrases["ends"] if p.structure == "deque" else "starting from the one that would be taken out next"
        question = _ASK[p.ask].format(order=order)
        answer_type = AnswerType.STRING if p.ask == "last_out" else AnswerType.SEQUENCE
        form = (AnswerType.STRING.sentence("the item's label") if p.ask == "last_out"
                else AnswerType.SEQUENCE.sentence("the labels", empty="there are none"))
        prompt = "\n".join(lines) + f"\n\n{question}\n{form}"
        return Problem(prompt, {"structure": p.structure, "script": script, "ask": p.ask,
                                "labels": {str(k): v for k, v in labels.items()}}, answer_type)

    def _label(self, problem: Problem, items: list[int]) -> list[str]:
        return [problem.data["labels"][str(i)] for i in items]

    def solve(self, problem: Problem) -> str | list[str]:
        log, taken, final = replay(problem.data["structure"], problem.data["script"])
        ask = problem.data["ask"]
        if ask == "last_out":
            return self._label(problem, taken[-1:])[0]
        return self._label(problem, log if ask == "log" else final) or ["none"]

    def check(self, problem: Problem, answer) -> Verdict:
        # An independent reading of the rules: a plain list with explicit end indices.
        held: list[int] = []
        seen: list[int] = []
        taken: list[int] = []
        structure = problem.data["structure"]
        for op, item in problem.data["script"]:
            if op.startswith("push"):
                if op == "push_front":
                    held.insert(0, item)
                else:
                    held.append(item)
                continue
            end = len(held) - 1 if (structure == "stack" or op.endswith("back")) else 0
            seen.append(held[end])
            if op.startswith("pop"):
                taken.append(held.pop(end))
        ask = problem.data["ask"]
        if ask == "last_out":
            return match_string(answer, self._label(problem, taken)[-1])
        want = seen if ask == "log" else (held[::-1] if structure == "stack" else held)
        want_labels = self._label(problem, want) or ["none"]
        return match_sequence(answer, want_labels)

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        right = self.solve(problem)
        labels = list(problem.data["labels"].values())
        if isinstance(right, str):
            others = [lb for lb in labels if lb != right]
            return distinct(right, [rng.choice(others), hedge(right, rng.choice(others))])
        extra = rng.choice(labels)
        longer = [extra] if right == ["none"] else right + [extra]  # one item too many
        return sequence_misses(right, rng) + distinct(", ".join(right), [", ".join(longer)])
