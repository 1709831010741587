"""Simulated models through the whole pipeline: plan -> generate -> verify -> ask -> store -> summary."""

import pytest

from unseen.analysis.summary import load_summary
from unseen.errors import ModelError
from unseen.models import resolve_model
from unseen.plan import Plan
from unseen.runner import execute, new_run
from unseen.store import open_store


def run_plan(path, model, plan, seed=7):
    with open_store(path, create=True) as st:
        run = new_run(st, model, plan, seed, {"sampling": {}})
        execute(st, run, resolve_model(model), concurrency=16)
        return load_summary(st, run.run_id).to_json()


def test_oracle_scores_everything(store_path):
    from unseen import registry

    plan = Plan(families=tuple(f.name for f in registry.all_families()), design="oat", n=1)
    s = run_plan(store_path, "sim/oracle", plan)
    assert s["completed_attempts"] == s["planned_attempts"] > 0
    assert s["overall"]["strict"]["k"] == s["overall"]["strict"]["n"]
    assert s["generation_errors"] == 0 and s["checker_false_passes"] == 0


def test_noisy_wilson_interval_contains_p(store_path):
    plan = Plan(families=("stack_queue",), design="random", cells=100, n=10)
    s = run_plan(store_path, "sim/noisy:p=0.7", plan)
    rate = s["overall"]["strict"]
    assert rate["n"] == 1000
    assert rate["low"] <= 0.7 <= rate["high"]
    assert rate["high"] - rate["low"] < 0.07


def test_threshold_drop_at_the_planted_level(store_path):
    plan = Plan(families=("stack_queue",), design="oat", n=20, vary=("ops",))
    s = run_plan(store_path, "sim/threshold:var=ops,at=16", plan)
    levels = {lv["level"]: lv["strict"]["rate"] for lv in s["families"][0]["variables"]["ops"]}
    assert levels[4] == 1.0 and levels[8] == 1.0
    assert levels[16] == 0.0 and levels[32] == 0.0 and levels[48] == 0.0


def test_same_seed_same_answers(tmp_path):
    plan = Plan(families=("stack_queue",), design="oat", n=3)
    a = run_plan(tmp_path / "a.db", "sim/noisy:p=0.5", plan, seed=11)
    b = run_plan(tmp_path / "b.db", "sim/noisy:p=0.5", plan, seed=11)
    assert a["overall"] == b["overall"]


@pytest.mark.parametrize("spec,msg", [
    ("gpt4", "is not PROVIDER/NAME"), ("simm/oracle", "did you mean 'sim'"), ("sim/nosy", "unknown"),
    ("sim/noisy:p=2", "outside 0..1"), ("sim/noisy:p=x", "not a number"), ("sim/threshold", "needs var="),
    ("sim/oracle:p", "malformed"), ("sim/oracle:q=1", "not an option"),
])
def test_bad_model_specs(spec, msg):
    with pytest.raises(ModelError, match=msg):
        resolve_model(spec)


@pytest.mark.parametrize("spec,msg", [
    ("sim/threshold:var=nosuch,at=3", "var='nosuch' in model 'sim/threshold:var=nosuch,at=3' is not a variable"),
    ("sim/threshold:var=opz,at=16", "did you mean 'ops'?"),
    ("sim/threshold:var=ops,at=999", "at='999' in model 'sim/threshold:var=ops,at=999' is outside ops's domain"),
])
def test_a_threshold_that_can_never_fire_is_refused(spec, msg, tmp_path):
    """Found by a fresh user: these ran with exit 0 and the model acted as sim/oracle."""
    from typer.testing import CliRunner

    from unseen.cli import app

    db = tmp_path / "t.db"
    r = CliRunner().invoke(app, ["run", "-m", spec, "-f", "stack_queue", "--n", "1", "--store", str(db)])
    assert r.exit_code == 2 and msg in r.output and "Traceback" not in r.output, r.output
    assert not db.exists()
