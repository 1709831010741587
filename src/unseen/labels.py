"""Names for things in a prompt: letters (A..Z, AA..) and town names, safe as answers.

The letters leave out N, X and Y: the prompts use them as placeholders (`Answer: N`, "a road
from X to Y"), and a place of the same name would make those sentences read two ways.
"""

from __future__ import annotations

TOWNS = ("Ashford", "Brookley", "Calder", "Dunmore", "Elmwood", "Fairholm", "Glenrock", "Harlow",
         "Ivybridge", "Jarrow", "Kelso", "Larkhill", "Marlow", "Northby", "Oakham", "Penrith",
         "Quarrydon", "Redmire", "Stanton", "Thornby", "Upton", "Varden", "Westby", "Yarrow",
         "Zennor", "Alderton", "Birchfield", "Colby", "Dalton", "Easton")
PLACEHOLDERS = frozenset({"N", "X", "Y"})
_ALPHABET = [chr(c) for c in range(65, 91) if chr(c) not in PLACEHOLDERS]


def letter(i: int) -> str:
    """The i-th letter name: A, B, .. Z without the placeholders, then AA, AB, ..."""
    k = len(_ALPHABET)
    return _ALPHABET[i] if i < k else letter(i // k - 1) + _ALPHABET[i % k]
