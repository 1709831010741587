"""What a run records: no secret ever reaches the store or the output."""

import sqlite3

import pytest
from typer.testing import CliRunner

from fake_openai import FakeServer
from unseen.cli import app
from unseen.models.scrub import scrub

MARKER = "sk-unseen-MARKER-123"
runner = CliRunner()


def _store_text(db) -> str:
    """Every value of every table, read through SQLite."""
    con = sqlite3.connect(db)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


@pytest.mark.parametrize("with_env_key", [True, False], ids=["env-key-and-url", "url-only"])
def test_no_secret_in_any_file_the_run_wrote_or_its_output(tmp_path, with_env_key):
    db = tmp_path / "unseen.db"
    with FakeServer(echo_headers=True, echo_statuses=(200, 400, 500)) as srv:
        url = srv.base_url.replace("http://", f"http://user:{MARKER}@")
        env = {"OPENAI_API_KEY": MARKER if with_env_key else ""}
        r = runner.invoke(app, ["run", "-m", "openai/fake-model", "--base-url", url, "-f", "stack_queue",
                                "--n", "1", "--max-retries", "0", "--store", str(db), "--json",
                                "--no-progress"], env=env, catch_exceptions=False)
        assert r.exit_code == 0, r.output
        # the echo really carried the credential, and every kind of body was answered
        auth = srv.seen_auth[-1]
        assert auth == f"Bearer {MARKER}" if with_env_key else auth.startswith("Basic ")
        assert srv.requests >= 6
        r2 = runner.invoke(app, ["summary", "--store", str(db)], env=env, catch_exceptions=False)
        r3 = runner.invoke(app, ["runs", "--store", str(db), "--json"], env=env, catch_exceptions=False)
    for out in (r, r2, r3):
        assert MARKER not in out.stdout and MARKER not in out.stderr
    text = _store_text(db)
    assert "HTTP 400" in text and "You sent" in text  # the echoed bodies were stored, scrubbed
    assert MARKER not in text and "user:" not in text
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert db in files
    for p in files:
        assert MARKER.encode() not in p.read_bytes(), p


def test_scrub_removes_keys_auth_values_and_url_credentials():
    text = (f'{{"Authorization": "Bearer {MARKER}", "x-api-key": "abc"}} see http://bob:{MARKER}@h:1/v1 '
            f"and https://only-user@h/v1; bearer tok.en-1 and {MARKER[3:]}; Authorization: Basic dXNlcjpwYXNz")
    out = scrub(text, [MARKER[3:]])
    for leak in (MARKER, "bob", "only-user", "tok.en-1", "dXNlcjpwYXNz", '"abc"', MARKER[3:]):
        assert leak not in out, (leak, out)
    assert "http://h:1/v1" in out and "https://h/v1" in out
    assert scrub("Answer: 42", ["k1"]) == "Answer: 42"  # short values are not searched for
    assert scrub(None) is None
    prose = "The basic idea: the bearer of the ring walks. See https://example.com/a@b."
    assert scrub(prose) == prose
