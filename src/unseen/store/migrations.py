"""Named, append-only schema migrations. Never edit or reorder one that has shipped:
append a new one. The schema version of a store is the number it has applied."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_initial", """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,   -- 'app' is always 'unseen'
    value TEXT NOT NULL
);
CREATE TABLE runs (
    run_id         TEXT PRIMARY KEY,
    created_at     TEXT NOT NULL,
    run_seed       INTEGER NOT NULL,   -- every instance seed derives from it
    model          TEXT NOT NULL,      -- model spec, e.g. sim/noisy:p=0.7
    plan_json      TEXT NOT NULL,      -- the Plan, enough to rebuild every item
    options_json   TEXT NOT NULL,      -- sampling and runner options (never secrets)
    versions_json  TEXT NOT NULL,      -- family name -> version at run time
    status         TEXT NOT NULL,      -- running | complete | interrupted
    unseen_version TEXT NOT NULL,
    finished_at    TEXT
);
CREATE TABLE instances (
    instance_id  TEXT PRIMARY KEY,     -- hash of (family, version, params, seed)
    family       TEXT NOT NULL,
    version      INTEGER NOT NULL,
    params_json  TEXT NOT NULL,
    seed         INTEGER NOT NULL,
    answer_type  TEXT NOT NULL,
    reference    TEXT NOT NULL,        -- the reference answer string ('' if solve failed)
    problem_json TEXT NOT NULL         -- the whole Problem, byte for byte
);
CREATE TABLE run_items (
    run_id       TEXT NOT NULL REFERENCES runs(run_id),
    item         INTEGER NOT NULL,     -- position in the plan's item order
    family       TEXT NOT NULL,
    cell_json    TEXT NOT NULL,        -- the full params of the cell
    idx          INTEGER NOT NULL,     -- instance index within the cell
    instance_id  TEXT NOT NULL REFERENCES instances(instance_id),
    verified     INTEGER NOT NULL,     -- 1 asked; 0 generation error, never asked
    reason       TEXT NOT NULL,        -- why verification failed
    near_misses  INTEGER NOT NULL,     -- near misses tried
    false_passes INTEGER NOT NULL,     -- near misses the checker accepted (must be 0)
    PRIMARY KEY (run_id, item)
);
CREATE TABLE attempts (
    run_id            TEXT NOT NULL REFERENCES runs(run_id),
    instance_id       TEXT NOT NULL REFERENCES instances(instance_id),
    sample            INTEGER NOT NULL,  -- repeated-sample index, 0-based
    status            TEXT NOT NULL,     -- ok | error (errors count neither as pass nor fail)
    response          TEXT,
    answer_strict     TEXT,              -- extracted in the requested form, NULL if absent
    answer_lenient    TEXT,              -- the documented fallback reading
    pass_strict       INTEGER,
    pass_lenient      INTEGER,
    reason            TEXT,              -- the checker's reason, or the error
    latency_ms        REAL,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    finish_reason     TEXT,
    created_at        TEXT NOT NULL,
    PRIMARY KEY (run_id, instance_id, sample)
);
CREATE INDEX run_items_instance ON run_items(run_id, instance_id);
"""),
    ("0002_response_cache", """
CREATE TABLE response_cache (
    key         TEXT PRIMARY KEY,   -- blake2b of (model, messages, options, sample)
    model       TEXT NOT NULL,
    completion  TEXT NOT NULL,      -- the Completion as JSON (successful answers only)
    created_at  TEXT NOT NULL
);
"""),
    ("0003_probes", """
ALTER TABLE run_items ADD COLUMN kind TEXT NOT NULL DEFAULT 'task';  -- task | probe_label | probe_unsolvable
ALTER TABLE run_items ADD COLUMN probe_label TEXT;                   -- the wrong label a probe is scored against
"""),
    ("0004_reviews", """
CREATE TABLE reviews (
    run_id      TEXT NOT NULL REFERENCES runs(run_id),
    instance_id TEXT NOT NULL REFERENCES instances(instance_id),
    verdict     TEXT NOT NULL,      -- ok | flawed (wrong label, or no answer follows)
    note        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (run_id, instance_id)
);
"""),
    ("0005_response_class", """
ALTER TABLE attempts ADD COLUMN reasoning TEXT;       -- the server's separate reasoning text, never scored
ALTER TABLE attempts ADD COLUMN response_class TEXT;  -- ok | truncated | no_answer | error | scoring_error
UPDATE attempts SET response_class = 'error' WHERE status = 'error';
"""),
    ("0006_declarations", """
CREATE TABLE declarations (
    run_id           TEXT NOT NULL REFERENCES runs(run_id),
    family           TEXT NOT NULL,
    version          INTEGER NOT NULL,
    declaration_json TEXT NOT NULL,  -- variables (kind, role, order, domain, base, simplest, levels) at run time
    PRIMARY KEY (run_id, family)
);
"""),
]
