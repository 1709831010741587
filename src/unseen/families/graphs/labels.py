"""Node labels shared by the graph families: letters (A..Z, AA..) or town names."""

from __future__ import annotations

TOWNS = ("Ashford", "Brookley", "Calder", "Dunmore", "Elmwood", "Fairholm", "Glenrock", "Harlow",
         "Ivybridge", "Jarrow", "Kelso", "Larkhill", "Marlow", "Northby", "Oakham", "Penrith",
         "Quarrydon", "Redmire", "Stanton", "Thornby", "Upton", "Varden", "Westby", "Yarrow",
         "Zennor", "Alderton", "Birchfield", "Colby", "Dalton", "Easton")


def letter(i: int) -> str:
    return chr(65 + i) if i < 26 else letter(i // 26 - 1) + chr(65 + i % 26)
