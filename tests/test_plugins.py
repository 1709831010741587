"""Plugins fail alone: a family plugin that fails to import or to declare is skipped with one
warning line naming it and the fix, and everything else keeps working; model providers can
be plugins too (entry-point group ``unseen.models``)."""

from __future__ import annotations

import json
from random import Random

import pytest
from typer.testing import CliRunner

from unseen import registry
from unseen.author import AnswerType, Choice, IntRange, Params, Problem, Verdict, match_integer
from unseen.cli import app
from unseen.errors import ModelError
from unseen.family import Family
from unseen.models import base as models_base
from unseen.models import resolve_model


class Adds:
    a = IntRange(1, 9, base=3)
    b = IntRange(1, 9, base=4)
    c = IntRange(0, 3, base=0)
    skin = Choice(("plain", "story"), base="plain", role="surface")

    def generate(self, p: Params, rng: Random) -> Problem:
        return Problem(f"{p.a} + {p.b}? End with `Answer: N`.", {"n": p.a + p.b}, AnswerType.INTEGER)

    def solve(self, problem: Problem) -> int:
        return problem.data["n"]

    def check(self, problem: Problem, answer) -> Verdict:
        return match_integer(answer, problem.data["n"])


class FakeEntryPoint:
    def __init__(self, name: str, value: str, load):
        self.name, self.value, self._load = name, value, load
        self.dist = type("Dist", (), {"name": f"{name}-dist"})()

    def load(self):
        return self._load()


def _raise(exc: Exception):
    def load():
        raise exc
    return load


def _hook(*families):
    def load():
        def hook(register):
            for make in families:
                register(make())
        return hook
    return load


def good_family(name: str):
    return lambda: Family(Adds(), name, 1, "plugins", "a plugin family", AnswerType.INTEGER)


def undeclared_family(name: str):
    return lambda: Family(Adds(), name, 1, "plugins", "a plugin family")  # no answer type: refused


@pytest.fixture
def plugins(monkeypatch):
    """Install fake family plugins, then load the registry afresh; unregister what they added."""
    registry.load_all()  # the built-ins first, so that only what the plugins add is removed afterwards
    before = set(registry._FAMILIES)
    monkeypatch.delenv("UNSEEN_NO_PLUGINS", raising=False)

    def install(*eps):
        monkeypatch.setattr(registry, "entry_points",
                            lambda group: list(eps) if group == registry.ENTRY_POINT_GROUP else [])
        monkeypatch.setattr(registry, "_loaded", False)
        registry.load_all()

    yield install
    for name in set(registry._FAMILIES) - before:
        registry.unregister(name)


def _warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("warning: plugin")]


def test_a_plugin_that_fails_to_import_is_skipped_with_one_warning(plugins, capsys):
    plugins(FakeEntryPoint("bad", "bad_plugin:register", _raise(ImportError("No module named 'bad_plugin'"))),
            FakeEntryPoint("good", "good_plugin:register", _hook(good_family("t_plugin_good"))))
    lines = _warnings(capsys.readouterr().err)
    assert lines == ["warning: plugin 'bad' (bad_plugin:register) skipped, its families are not loaded: ImportError: "
                     "No module named 'bad_plugin'; fix the plugin or uninstall it (pip uninstall bad-dist)"]
    assert registry.get("t_plugin_good").domain == "plugins"
    assert registry.get("arith_expr").domain == "arithmetic"


def test_a_plugin_whose_family_fails_to_declare_is_skipped_whole(plugins, capsys):
    plugins(FakeEntryPoint("half", "half_plugin:register",
                           _hook(good_family("t_plugin_first"), undeclared_family("t_plugin_second"))))
    (line,) = _warnings(capsys.readouterr().err)
    assert line.startswith("warning: plugin 'half' (half_plugin:register) skipped, its families are not loaded: "
                           "FamilyDeclarationError: family 't_plugin_second' (class Adds): no answer type declared")
    names = {f.name for f in registry.all_families()}
    assert "t_plugin_first" not in names and "t_plugin_second" not in names and "stack_queue" in names


def test_a_plugin_registering_a_class_is_skipped_with_the_fix(plugins, capsys):
    plugins(FakeEntryPoint("cls", "cls_plugin:register", _hook(lambda: Adds)))
    (line,) = _warnings(capsys.readouterr().err)
    assert "register() was given the class Adds, not a Family; pass Family(YourClass()" in line


def test_every_command_keeps_working_beside_a_broken_plugin(plugins, tmp_path):
    plugins(FakeEntryPoint("bad", "bad_plugin:register", _raise(SyntaxError("invalid syntax"))))
    runner = CliRunner()
    listed = runner.invoke(app, ["families", "--json"])
    assert listed.exit_code == 0 and "arith_expr" in {f["name"] for f in json.loads(listed.stdout)}
    ran = runner.invoke(app, ["run", "-m", "sim/oracle", "-f", "arith_expr", "--n", "1", "--no-progress",
                              "--store", str(tmp_path / "p.db"), "--json"])
    assert ran.exit_code == 0, ran.output


def test_unseen_no_plugins_leaves_installed_plugins_out(monkeypatch):
    monkeypatch.setenv("UNSEEN_NO_PLUGINS", "1")
    called = []
    monkeypatch.setattr(registry, "entry_points", lambda group: called.append(group) or [])
    monkeypatch.setattr(registry, "_loaded", False)
    registry.load_all()
    assert called == []


def _model_plugins(monkeypatch, *eps):
    monkeypatch.delenv("UNSEEN_NO_PLUGINS", raising=False)
    monkeypatch.setattr(models_base, "entry_points",
                        lambda group: list(eps) if group == models_base.MODEL_ENTRY_POINT_GROUP else [])


def test_a_model_provider_can_be_a_plugin(monkeypatch, tmp_path):
    from unseen.models.sim import make_sim

    seen = []

    def factory(rest: str, spec: str):
        seen.append((rest, spec))
        return make_sim("oracle", spec)

    _model_plugins(monkeypatch, FakeEntryPoint("acme", "acme_unseen:model", lambda: factory))
    model = resolve_model("acme/big-model:temp=0")
    assert seen == [("big-model:temp=0", "acme/big-model:temp=0")] and model.name == "acme/big-model:temp=0"
    ran = CliRunner().invoke(app, ["run", "-m", "acme/big-model", "-f", "arith_expr", "--n", "1", "--no-progress",
                                   "--store", str(tmp_path / "m.db"), "--json"])
    assert ran.exit_code == 0, ran.output
    assert json.loads(ran.stdout)["overall"]["strict"]["rate"] == 1.0


def test_a_built_in_provider_is_never_taken_over_by_a_plugin(monkeypatch):
    _model_plugins(monkeypatch, FakeEntryPoint("sim", "evil:model", _raise(AssertionError("consulted"))))
    assert resolve_model("sim/oracle").name == "sim/oracle"


@pytest.mark.parametrize("load,match", [
    (_raise(ImportError("No module named 'acme_unseen'")),
     r"model plugin 'acme' \(acme_unseen:model\) failed to load: ImportError: No module named 'acme_unseen'; fix "
     r"the plugin or uninstall it \(pip uninstall acme-dist\)"),
    (lambda: (lambda rest, spec: 1 / 0),
     r"model plugin 'acme' \(acme_unseen:model\) could not build 'acme/x': ZeroDivisionError: division by zero"),
    (lambda: (lambda rest, spec: "not a model"),
     r"model plugin 'acme' \(acme_unseen:model\) returned str for 'acme/x', not a model with async complete"),
])
def test_a_broken_model_plugin_is_one_line(monkeypatch, load, match):
    _model_plugins(monkeypatch, FakeEntryPoint("acme", "acme_unseen:model", load))
    with pytest.raises(ModelError, match=match):
        resolve_model("acme/x")


def test_an_unknown_provider_names_the_plugin_providers_too(monkeypatch):
    _model_plugins(monkeypatch, FakeEntryPoint("acme", "acme_unseen:model", lambda: None))
    with pytest.raises(ModelError, match=r"provider 'acm' .* did you mean 'acme'\? known providers: sim, local, "
                                         r"openai, litellm, acme \(plugin\)"):
        resolve_model("acm/x")
