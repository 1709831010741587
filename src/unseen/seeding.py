"""Seeds and ids by hashing, never by adding numbers.

``seed + index`` makes seed 42's items repeat seed 43's; blake2b over a canonical
encoding does not, and it does not depend on Python's per-process hash seed.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any


def canonical(obj: Any) -> str:
    """A canonical JSON text: sorted keys, no spaces, so equal values hash equally."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _digest(*parts: Any, size: int) -> bytes:
    return hashlib.blake2b(canonical(list(parts)).encode(), digest_size=size).digest()


def derive_seed(family: str, version: int, params: dict[str, Any], run_seed: int, index: int) -> int:
    """The seed of one instance: a 63-bit integer from (family, version, params, run seed, index)."""
    return int.from_bytes(_digest("instance", family, version, params, run_seed, index, size=8), "big") >> 1


def instance_id(family: str, version: int, params: dict[str, Any], seed: int) -> str:
    """Content id of an instance: the same instance is the same id in every store."""
    return _digest("id", family, version, params, seed, size=10).hex()


def sub_seed(*parts: Any) -> int:
    """A seed for anything else that must be deterministic (simulated models, probes)."""
    return int.from_bytes(_digest("sub", *parts, size=8), "big") >> 1


def sample_seed(seed: int, sample: int) -> int:
    """The sampler seed sent for sample ``sample`` when ``--sampling-seed`` is ``seed``: the
    seed itself for sample 0, and for sample k >= 1 a 31-bit blake2b hash of (seed, k), so
    the samples of one instance are drawn with different seeds (31 bits: every server's
    seed field takes it)."""
    if sample == 0:
        return seed
    return sub_seed("sampling", seed, sample) % (1 << 31)


def fresh_run_seed() -> int:
    """A new random run seed (fits in SQLite's signed 64-bit integer)."""
    return secrets.randbits(62)


def unit_float(*parts: Any) -> float:
    """A deterministic number in [0, 1) from the given parts."""
    return sub_seed(*parts) / float(1 << 63)
