"""Simulated models get what they know when they are built, never through a request; real
adapters never see the answer key (the reference answers and the near misses)."""

import asyncio
import json
import sqlite3
from collections import Counter
from dataclasses import asdict, fields

from typer.testing import CliRunner

from fake_openai import FakeServer
from unseen import registry
from unseen.cli import app
from unseen.models import resolve_model
from unseen.models.base import AnswerKey, Completion, KeyedModel, KeyEntry, Request
from unseen.models.openai_compat import SAMPLING_KEYS
from unseen.plan import Plan
from unseen.problem import Problem
from unseen.runner import execute, messages_for, new_run, sample_options
from unseen.search.probe import CellProber
from unseen.store import open_store
from unseen.verify import verify

FAMILIES = ("arith_expr", "stack_queue", "cipher_decode", "number_sequence")


def test_a_request_has_no_field_that_could_carry_the_key():
    assert [f.name for f in fields(Request)] == ["messages", "options", "sample"]
    for f in fields(Request):
        assert not any(word in str(f.type) for word in ("Key", "Entry", "Item")), f
    assert not hasattr(Request([]), "item")


def test_requests_to_a_real_server_are_exactly_messages_and_options(tmp_path):
    """Every body the server received equals what the messages and the sample's options
    give, and nothing else; no reference answer or near miss is sent outside the prompt."""
    db = tmp_path / "k.db"
    with FakeServer() as srv:
        args = ["run", "-m", "openai/fake-model", "--base-url", srv.base_url, "--n", "2", "--samples", "2",
                "--sampling-seed", "3", "--max-tokens", "64", "--store", str(db), "--json", "--no-progress"]
        for fam in FAMILIES:
            args += ["-f", fam]
        r = CliRunner().invoke(app, args, catch_exceptions=False)
        assert r.exit_code == 0, r.output
    run = json.loads(r.stdout)
    con = sqlite3.connect(db)
    rows = con.execute("SELECT i.family, i.seed, i.reference, i.problem_json FROM run_items r JOIN instances i "
                       "USING (instance_id) WHERE r.run_id=? AND r.verified=1", (run["run_id"],)).fetchall()
    sampling = json.loads(con.execute("SELECT options_json FROM runs").fetchone()[0])["sampling"]
    con.close()
    assert {f for f, *_ in rows} == set(FAMILIES)

    expected: Counter[str] = Counter()
    secrets: set[str] = set()
    for family, seed, reference, problem_json in rows:
        problem = Problem.from_json(problem_json)
        ver = verify(registry.get(family), problem, seed)
        assert ver.ok and ver.reference == reference  # the key, read back from the store
        secrets.update([reference, *ver.near_misses])
        for sample in range(2):
            options = sample_options(sampling, sample)
            body = {"model": "fake-model", "messages": messages_for(problem),
                    **{k: v for k, v in options.items() if k in SAMPLING_KEYS and v is not None}}
            expected[json.dumps(body, sort_keys=True)] += 1
    assert len(secrets) > len(rows), "near misses were found"
    got = Counter(json.dumps(b, sort_keys=True) for b in srv.bodies)
    assert got == expected, "a request body holds something the messages and options do not give"
    prompts = {Problem.from_json(pj).prompt for *_, pj in rows}
    for body in srv.bodies:
        assert set(body) <= {"model", "messages", *SAMPLING_KEYS}
        assert [set(m) for m in body["messages"]] == [{"role", "content"}]
        assert body["messages"][0]["content"] in prompts
        outside_prompt = [body["model"], *(m["role"] for m in body["messages"]),
                          *(v for k, v in body.items() if isinstance(v, str) and k != "model")]
        assert not secrets & set(outside_prompt)


class Recorder:
    """A model like a real adapter (it does not ask for the key) that records each request."""

    name = "spy/plain"
    cacheable = False

    def __init__(self):
        self.requests: list[Request] = []

    async def complete(self, request: Request) -> Completion:
        self.requests.append(request)
        return Completion("Answer: 0", finish_reason="stop")

    async def aclose(self) -> None:
        return None


class KeyedRecorder(Recorder):
    name = "spy/keyed"

    def __init__(self):
        super().__init__()
        self.keys: list[tuple[AnswerKey, int, int]] = []

    def use_key(self, key: AnswerKey, run_seed: int) -> None:
        self.keys.append((key, run_seed, len(self.requests)))


def test_a_plain_model_is_never_handed_the_key_and_gets_only_messages_options_and_sample(tmp_path):
    model = Recorder()
    assert not isinstance(model, KeyedModel)
    with open_store(tmp_path / "p.db", create=True) as st:
        run = new_run(st, "spy/plain", Plan(families=FAMILIES, n=1, samples=2), 4, {"sampling": {}})
        execute(st, run, model, concurrency=4)
        prompts = {json.loads(r[0])["prompt"] for r in st.query(
            "SELECT i.problem_json FROM run_items r JOIN instances i USING (instance_id) WHERE r.verified=1")}
    assert model.requests and len(model.requests) == 2 * len(prompts)
    for req in model.requests:
        assert asdict(req) == {"messages": [{"role": "user", "content": req.messages[0]["content"]}],
                               "options": {"temperature": 0.0}, "sample": req.sample}
        assert req.messages[0]["content"] in prompts
    assert Counter(r.sample for r in model.requests) == {0: len(prompts), 1: len(prompts)}


def test_a_keyed_model_is_handed_the_key_once_before_its_first_request(tmp_path):
    model = KeyedRecorder()
    assert isinstance(model, KeyedModel)
    with open_store(tmp_path / "k.db", create=True) as st:
        run = new_run(st, "spy/keyed", Plan(families=("stack_queue",), n=3), 11, {"sampling": {}})
        execute(st, run, model, concurrency=4)
        [(key, seed, asked_before)] = model.keys
        assert seed == 11 and asked_before == 0
        assert len(key) == len({json.dumps(r.messages) for r in model.requests}) > 0
        assert all(key.lookup(r.messages) is not None for r in model.requests)

        # the search prober: one key for all its asks, filled as each ask prepares instances
        model = KeyedRecorder()
        prober = CellProber(st, new_run(st, "spy/keyed", Plan(families=("stack_queue",), n=1), 12,
                                        {"cache": False, "sampling": {}}), model)
        fam = registry.get("stack_queue")
        prober.ask("stack_queue", fam.resolve({}), 3)
        prober.ask("stack_queue", fam.resolve({"ops": 16}), 3)
        [(key, seed, asked_before)] = model.keys
        assert seed == 12 and asked_before == 0 and len(model.requests) == 6
        assert all(key.lookup(r.messages) is not None for r in model.requests)


def _answer(model, messages, sample=0):
    c = asyncio.run(model.complete(Request(messages, {}, sample)))
    return c.error if c.error else c.text.split("Answer: ")[1]


def test_a_simulated_model_answers_only_prompts_in_its_key():
    model = resolve_model("sim/oracle")
    asked = [{"role": "user", "content": "What is 2 + 3?"}]
    assert "no answer key" in _answer(model, asked)
    key = AnswerKey()
    key.add(asked, KeyEntry("i1", "doctor", {}, "5", ("6",)))
    model.use_key(key, 0)
    assert _answer(model, asked) == "5"
    other = _answer(model, [{"role": "user", "content": "What is 2 + 4?"}])
    assert "sim/oracle" in other and "not in its answer key" in other


def test_simulated_answers_are_those_of_the_per_request_item_record():
    """Pinned from the item-per-request version (beea292): the same (run seed, instance id,
    sample) gives the same answers, so seeded results do not change."""
    golden = {  # answers for samples 0..11, ops 4 then 16, run seed 5, instance 'iid-1'
        "sim/noisy:p=0.7": "7 7 7 7 7 7 7 7 6 6 6 6 7 7 70 70 7 7 7 7 7 7 7 7",
        "sim/random": "6 6 6 6 70 70 8 8 70 70 8 8 7 7 8 8 7 7 6 6 7 7 8 8",
        "sim/threshold:var=ops,at=16": "7 8 7 70 7 6 7 70 7 6 7 6 7 8 7 6 7 70 7 8 7 6 7 8",
    }
    key = AnswerKey()
    for ops in (4, 16):
        key.add([{"role": "user", "content": f"q{ops}"}], KeyEntry("iid-1", "stack_queue", {"ops": ops}, "7",
                                                                  ("6", "8", "70")))
    for spec, want in golden.items():
        model = resolve_model(spec)
        model.use_key(key, 5)
        got = [_answer(model, [{"role": "user", "content": f"q{ops}"}], s) for s in range(12) for ops in (4, 16)]
        assert " ".join(got) == want, spec


def test_a_prompt_shared_by_two_instances_keeps_the_first_entry():
    key = AnswerKey()
    asked = [{"role": "user", "content": "same"}]
    key.add(asked, KeyEntry("first", "f", {}, "1", ()))
    key.add(asked, KeyEntry("second", "f", {}, "2", ()))
    assert len(key) == 1 and key.lookup(asked).instance_id == "first"
