"""``unseen doctor``: every check reports what it found and a next step; exit 1 on failure."""

import json
import os

import pytest
from typer.testing import CliRunner

from unseen.cli import app

runner = CliRunner()


def doctor(*args):
    r = runner.invoke(app, ["doctor", *args, "--json"], catch_exceptions=False)
    return r.exit_code, {c["name"]: c for c in json.loads(r.stdout)}


def test_all_pass_with_a_sim_model_and_a_new_store(tmp_path):
    code, checks = doctor("-m", "sim/oracle", "--store", str(tmp_path / "new.db"))
    assert code == 0, checks
    assert list(checks) == ["python", "packages", "model", "store"]
    assert "answered" in checks["model"]["detail"] and "can be created" in checks["store"]["detail"]
    assert not (tmp_path / "new.db").exists(), "doctor writes nothing"
    assert os.listdir(tmp_path) == []


def test_store_failures_name_the_fix(tmp_path):
    foreign = tmp_path / "notes.db"
    foreign.write_text("not sqlite")
    code, checks = doctor("-m", "sim/oracle", "--store", str(foreign))
    assert code == 1 and not checks["store"]["ok"] and "--store" in checks["store"]["fix"]
    code, checks = doctor("-m", "sim/oracle", "--store", str(tmp_path / "no" / "such" / "x.db"))
    assert code == 1 and "cannot create files" in checks["store"]["detail"]
    assert foreign.read_text() == "not sqlite"


def test_unknown_model_is_a_failed_check_not_a_traceback(tmp_path):
    code, checks = doctor("-m", "sim/nonesuch", "--store", str(tmp_path / "x.db"))
    assert code == 1 and not checks["model"]["ok"] and "sim/nonesuch" in checks["model"]["detail"]


@pytest.mark.slow
def test_local_model_and_processor(tmp_path):
    pytest.importorskip("llama_cpp", reason="the local extra is not installed")
    code, checks = doctor("--store", str(tmp_path / "x.db"))
    assert code == 0, checks
    assert "CPU :" in checks["processor"]["detail"]
    assert "local/smollm2 loaded" in checks["model"]["detail"]
