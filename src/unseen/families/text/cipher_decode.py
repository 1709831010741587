"""cipher_decode: decode a short message encrypted by a stated chain of classical ciphers.

The prompt states every step and key, so decoding is mechanical: undo the steps in
reverse order. The main cipher (reverse, Caesar, Atbash, Vigenère) is always in the
chain; extra steps are drawn from all four. The topic the words come from and the
letter case of the ciphertext are surface: they change the telling, not the work.
"""

from __future__ import annotations

import re
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
    match_string,
    wrong,
)

_TOPICS = {
    "animals": "cat dog horse zebra tiger otter camel eagle shark whale mouse rabbit goat sheep llama panda "
               "koala lion wolf fox bear deer frog snake",
    "kitchen": "spoon fork knife plate bowl kettle oven stove pan pot cup mug towel sink apron ladle whisk "
               "grater jar lid napkin toaster blender tray",
    "weather": "rain snow wind cloud storm thunder fog mist frost hail breeze sunshine drizzle sleet gale "
               "rainbow humid chill heat dew ice cyclone drought flood",
    "travel": "train ticket map hotel airport luggage passport bridge harbor road station taxi ferry castle "
              "museum beach island valley tunnel compass camera journey border canal",
    "music": "piano violin drum guitar flute trumpet melody rhythm chord choir song tempo harp cello banjo "
             "lyric opera bass note scale organ tuba chorus ballad",
}
_KINDS = ("reverse", "caesar", "atbash", "vigenere")


def _shift(c: str, k: int) -> str:
    return chr((ord(c) - 97 + k) % 26 + 97) if "a" <= c <= "z" else c


def _letters_shift(text: str, shifts: list[int], sign: int) -> str:
    """Shift the i-th letter (spaces skipped) by sign * shifts[i % len(shifts)]."""
    out, i = [], 0
    for c in text:
        if c == " ":
            out.append(c)
        else:
            out.append(_shift(c, sign * shifts[i % len(shifts)]))
            i += 1
    return "".join(out)


def _amounts(step: dict) -> list[int]:
    return [step["shift"]] if step["kind"] == "caesar" else [ord(c) - 97 for c in step["key"]]


def encrypt_step(text: str, step: dict) -> str:
    if step["kind"] == "reverse":
        return text[::-1]
    if step["kind"] == "atbash":
        return "".join(chr(219 - ord(c)) if c != " " else c for c in text)
    return _letters_shift(text, _amounts(step), +1)


def decrypt_step(text: str, step: dict) -> str:
    if step["kind"] in ("reverse", "atbash"):  # both are their own inverse
        return encrypt_step(text, step)
    return _letters_shift(text, _amounts(step), -1)


def decode(ciphertext: str, steps: list[dict]) -> str:
    """Reference: undo the steps, last step first."""
    text = ciphertext.lower()
    for step in reversed(steps):
        text = decrypt_step(text, step)
    return text


def _describe(step: dict) -> str:
    kind = step["kind"]
    if kind == "reverse":
        return "Reverse: the whole text, letters and spaces, was written backwards (last character first)."
    if kind == "atbash":
        return ("Atbash: every letter was replaced by its mirror in the alphabet (a<->z, b<->y, c<->x, ..., "
                "m<->n). Spaces were kept.")
    if kind == "caesar":
        k = step["shift"]
        return (f"Caesar shift by {k}: every letter was moved {k} place{'s' if k > 1 else ''} forward in the "
                f"alphabet, wrapping around from z to a (so a->{_shift('a', k)}, z->{_shift('z', k)}). "
                "Spaces were kept.")
    return (f"Vigenere with key '{step['key']}': the key is written repeatedly under the letters of the "
            "text (spaces are skipped and use up no key letter), and each letter was moved forward in the "
            "alphabet by the value of the key letter under it (a=0, b=1, ..., z=25), wrapping around from z "
            "to a.")


@family("cipher_decode", version=2, domain="text", answer=AnswerType.STRING,
        purpose="Decode a short message encrypted by a stated chain of classical ciphers with given keys.")
class CipherDecode:
    cipher = Choice(_KINDS, base="caesar", ordered=True, help="the main cipher, always in the chain")
    steps = IntRange(1, 3, base=1, help="ciphers applied one after another (extras drawn from all four)")
    words = IntRange(1, 12, base=4, levels=(1, 2, 4, 8, 12), help="words in the message")
    shift = IntRange(1, 25, base=3, levels=(1, 3, 6, 10, 13), help="forward shift of every Caesar step")
    key_length = IntRange(1, 8, base=3, levels=(1, 2, 3, 5, 8), help="letters in each Vigenere key")
    topic = Choice(tuple(_TOPICS), base="animals", role="surface", help="word pool the message is drawn from")
    case_style = Choice(("lower", "upper", "title"), base="upper", role="surface",
                        help="letter case the ciphertext is shown in")

    def generate(self, p: Params, rng: Random) -> Problem:
        for _ in range(50):  # redraw the rare chain that leaves the message unchanged
            chain = [p.cipher] + [rng.choice(_KINDS) for _ in range(p.steps - 1)]
            rng.shuffle(chain)
            if any(a == b for a, b in zip(chain, chain[1:], strict=False)):
                continue
            steps = [{"kind": "caesar", "shift": p.shift} if k == "caesar" else
                     {"kind": k, "key": "".join(rng.choice("bcdefghijklmnopqrstuvwxyz")
                                                for _ in range(p.key_length))} if k == "vigenere" else
                     {"kind": k} for k in chain]
            plain = " ".join(rng.sample(sorted(_TOPICS[p.topic].split()), p.words))
            cipher = plain
            for step in steps:
                cipher = encrypt_step(cipher, step)
            if cipher != plain:
                break
        shown = {"upper": cipher.upper(), "title": cipher.title(), "lower": cipher}[p.case_style]
        rules = "\n".join(f"{i}. {_describe(s)}" for i, s in enumerate(steps, 1))
        n = p.words
        prompt = (f"A message of {n} lower-case English word{'s' if n > 1 else ''} was encrypted by applying "
                  f"the following step{'s' if len(steps) > 1 else ''} in order, step 1 first:\n\n{rules}\n\n"
                  f"The encrypted text is:\n\n{shown}\n\nDecode it to recover the original message. "
                  "The letter case of the encrypted text carries no meaning.\n"
                  + AnswerType.STRING.sentence("the original message in lower case, words separated by single spaces"))
        return Problem(prompt, {"steps": steps, "ciphertext": shown}, AnswerType.STRING)

    def solve(self, problem: Problem) -> str:
        return decode(problem.data["ciphertext"], problem.data["steps"])

    def check(self, problem: Problem, answer) -> Verdict:
        # Independent direction: encrypt the candidate forward and compare with the ciphertext.
        candidate = " ".join(str(answer).lower().split())
        if not re.fullmatch(r"[a-z]+( [a-z]+)*", candidate):
            return wrong(f"answer {answer!r} is not lower-case words separated by spaces")
        text = candidate
        for step in problem.data["steps"]:
            text = encrypt_step(text, step)
        verdict = match_string(text, problem.data["ciphertext"])  # case- and space-insensitive
        return verdict if verdict.correct else wrong(f"{candidate!r} encrypts to {text!r} instead")

    def near_misses(self, problem: Problem, rng: Random) -> list[str]:
        steps, shown = problem.data["steps"], problem.data["ciphertext"].lower()
        right = self.solve(problem)
        words, cwords = right.split(), shown.split()
        cands = []
        for i, step in enumerate(steps):  # a shift off by one on the first keyed step
            if step["kind"] in ("caesar", "vigenere"):
                key = _letters_shift(step.get("key", ""), [1], 1)
                off = dict(step, shift=step.get("shift", 0) + 1, key=key)
                cands.append(decode(shown, steps[:i] + [off] + steps[i + 1:]))
                break
        k = rng.randrange(len(words))
        cands += [shown, " ".join(words[:k] + [cwords[k]] + words[k + 1:]), " ".join(words[::-1])]
        cands.append(hedge(right, cands[0]))
        return distinct(right, cands)[:5]
