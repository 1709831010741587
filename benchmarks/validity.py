"""The validity suite at full size: at least 200 scenarios per method, fixed seeds.
Prints each rate next to its threshold. Run by hand:  python benchmarks/validity.py"""

from __future__ import annotations

import time

from unseen.analysis import validity as v


def row(what: str, value: float, threshold: str, ok: bool) -> None:
    print(f"{what:62s} {value:8.3f}   {threshold:12s} {'ok' if ok else 'FAILS'}")


def main() -> None:
    start = time.time()
    e = v.check_effects(200, n=v.RECOMMENDED_N)
    row(f"planted variable found (n={v.RECOMMENDED_N}/cell, {e.scenarios} scen.)", e.planted_found, ">= 0.95",
        e.planted_found >= 0.95)
    row(f"no-effect variable flagged ({e.null_tested} tests)", e.null_flagged, "<= 0.05", e.null_flagged <= 0.05)
    e3 = v.check_effects(200, n=50, samples=3)
    row("planted found, clustered (n=50, 3 samples)", e3.planted_found, ">= 0.95", e3.planted_found >= 0.95)
    row("no-effect flagged, clustered", e3.null_flagged, "<= 0.05", e3.null_flagged <= 0.05)
    c = v.check_coverage(1000)
    row("Wilson 95% coverage (1 sample/instance, 1000 scen.)", c.wilson_single, "0.93-0.97",
        0.93 <= c.wilson_single <= 0.97)
    row("design-effect Wilson 95% coverage (3 samples/inst.)", c.cluster_wilson, "0.93-0.97",
        0.93 <= c.cluster_wilson <= 0.97)
    k = v.check_calibration(1000)
    row("corrected-score 95% coverage (1000 scen.)", k.corrected_coverage, "0.93-0.97",
        0.93 <= k.corrected_coverage <= 0.97)
    row("raw-score coverage when eps > 0.2 and |q-p| > 0.3", k.raw_coverage_large_eps, "low",
        k.raw_coverage_large_eps < 0.5)
    row("corrected coverage when eps > 0.2 and |q-p| > 0.3", k.corrected_coverage_large_eps, ">= 0.9",
        k.corrected_coverage_large_eps >= 0.9)
    m = v.check_memorisation(400)
    row("sim/memoriser flagged (400 scen.)", m.memoriser_flagged, ">= 0.95", m.memoriser_flagged >= 0.95)
    row("sim/noisy flagged (any accuracy)", m.noisy_flagged, "<= 0.05", m.noisy_flagged <= 0.05)
    s = v.check_shrink(300)
    row(f"shrink returns the planted minimal setting ({s.mean_calls:.0f} calls/scen.)", s.exact, ">= 0.90",
        s.exact >= 0.9)
    a = v.check_adaptive(300)
    row("adaptive breaking point within one level (300 scen.)", a.within_one_level, ">= 0.95",
        a.within_one_level >= 0.95)
    row(f"adaptive calls / grid calls ({a.adaptive_calls:.0f} vs {a.grid_calls:.0f})", a.ratio, "<= 0.333",
        a.ratio <= 1 / 3)
    print(f"\n{time.time() - start:.0f}s")


if __name__ == "__main__":
    main()
