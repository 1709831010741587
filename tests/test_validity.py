"""The validity suite, small and fast: simulated truth, fixed seeds, the issue's thresholds.
The full-size version is benchmarks/validity.py."""

from unseen.analysis import validity as v


def test_planted_variables_are_found_and_others_are_not():
    r = v.check_effects(scenarios=60, n=v.RECOMMENDED_N)
    assert r.planted_found >= 0.95, r
    assert r.null_flagged <= 0.05, r
    assert r.null_tested > 200


def test_clustered_designs_with_repeated_samples():
    r = v.check_effects(scenarios=30, n=50, samples=3)
    assert r.planted_found >= 0.95 and r.null_flagged <= 0.05, r


def test_intervals_cover_the_true_accuracy():
    r = v.check_coverage(scenarios=300)
    assert 0.92 <= r.wilson_single <= 0.98, r
    assert 0.92 <= r.cluster_wilson <= 0.98, r


def test_corrected_score_covers_and_raw_does_not():
    r = v.check_calibration(scenarios=300)
    assert 0.92 <= r.corrected_coverage <= 0.99, r
    assert r.raw_coverage_large_eps < 0.5, r
    assert r.corrected_coverage_large_eps >= 0.9, r


def test_memoriser_flagged_noisy_not():
    r = v.check_memorisation(scenarios=150)
    assert r.memoriser_flagged >= 0.95, r
    assert r.noisy_flagged <= 0.05, r


def test_shrinking_returns_the_planted_minimal_setting():
    r = v.check_shrink(scenarios=60)
    assert r.exact >= 0.9, r


def test_adaptive_search_within_one_level_with_a_third_of_the_calls():
    r = v.check_adaptive(scenarios=60)
    assert r.within_one_level >= 0.95, r
    assert r.ratio <= 1 / 3, r
