-- tito schema v1 (design §5). Applied by `tito db migrate` inside a
-- transaction under pg_advisory_xact_lock; recorded in schema_migrations.

CREATE TABLE artifacts (
    sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    bytes      bytea NOT NULL,
    size       bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE runs_seq;
CREATE TABLE runs (
    id          text PRIMARY KEY DEFAULT nextval('runs_seq')::text,
    kind        text NOT NULL,                 -- batch | grade | ci | ...
    params      jsonb NOT NULL DEFAULT '{}',
    status      text NOT NULL DEFAULT 'running',
    created_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);

CREATE TABLE jobs (
    id             text PRIMARY KEY,
    run_id         text NOT NULL,              -- runs.id; no FK: a per-row check halves COPY speed,
                                                -- tito_store_jobs_insert checks the run once
    student        text NOT NULL DEFAULT '',
    module         text NOT NULL,              -- module folder name, 01_tensor
    submission_sha text,
    spec           json,                        -- the job document, byte-exact as sent on the wire
    status         text NOT NULL DEFAULT 'queued' CHECK (status IN
                   ('queued', 'running', 'passed', 'failed', 'error', 'timeout', 'memory_limit',
                    'output_limit', 'signaled', 'violation', 'infra_error', 'blocked', 'dead',
                    'cancelled')),
    attempts       integer NOT NULL DEFAULT 0,
    result_attempt integer,                     -- the attempt the final status came from
    worker         text,
    queued_at      timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    finished_at    timestamptz,
    duration_ms    double precision,
    exit_code      integer,
    error          text,
    export_sha     text,
    result         jsonb
);
CREATE INDEX jobs_run_idx ON jobs (run_id, student, module);
CREATE INDEX jobs_student_module_idx ON jobs (student, module, finished_at DESC);
CREATE INDEX jobs_unfinished_idx ON jobs (status) WHERE status IN ('queued', 'running');

-- One row per attempt that produced a result: the primary key makes result
-- writes idempotent on (job_id, attempt).
CREATE TABLE job_attempts (
    job_id      text NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    attempt     integer NOT NULL,
    worker      text,
    outcome     text NOT NULL,
    message     text,
    exit_code   integer,
    term_signal integer,
    duration_ms double precision,
    sandboxed   boolean NOT NULL DEFAULT false,
    limits      jsonb,
    export_sha  text,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, attempt)
);

CREATE TABLE test_results (
    job_id      text NOT NULL,
    attempt     integer NOT NULL,
    seq         integer NOT NULL,               -- order the harness reported
    name        text NOT NULL,
    outcome     text NOT NULL,
    duration_ms double precision,
    message     text,
    points      double precision NOT NULL DEFAULT 0,
    max_points  double precision NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, attempt, seq),
    FOREIGN KEY (job_id, attempt) REFERENCES job_attempts(job_id, attempt) ON DELETE CASCADE
);
CREATE INDEX test_results_name_idx ON test_results (name);

CREATE TABLE job_logs (
    job_id  text NOT NULL,
    attempt integer NOT NULL,
    stream  text NOT NULL,                      -- log | stdout | stderr | worker
    content text NOT NULL,
    PRIMARY KEY (job_id, attempt, stream),
    FOREIGN KEY (job_id, attempt) REFERENCES job_attempts(job_id, attempt) ON DELETE CASCADE
);

CREATE TABLE workers (
    id         text PRIMARY KEY,
    host       text NOT NULL,
    pid        integer NOT NULL,
    version    text NOT NULL,
    started_at timestamptz NOT NULL DEFAULT now(),
    last_seen  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dead_letters (
    id     bigserial PRIMARY KEY,
    job_id text NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    reason text NOT NULL,
    at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dead_letters_job_idx ON dead_letters (job_id);

-- Latest finished result per (student, module), across runs.
CREATE VIEW latest_results AS
SELECT DISTINCT ON (j.student, j.module) j.*
FROM jobs j
WHERE j.status NOT IN ('queued', 'running', 'cancelled')
ORDER BY j.student, j.module, j.finished_at DESC NULLS LAST, j.id DESC;

-- Per-test rows of the attempt each job's status came from.
CREATE VIEW job_tests AS
SELECT j.id AS job_id, j.run_id, j.student, j.module, t.seq, t.name, t.outcome, t.duration_ms,
       t.message, t.points, t.max_points
FROM jobs j
JOIN test_results t ON t.job_id = j.id AND t.attempt = j.result_attempt;

-- Gradebook: one row per (student, module) from the latest result.
CREATE VIEW gradebook AS
SELECT l.student, l.module, l.status, l.run_id, l.id AS job_id, l.finished_at,
       count(t.name) FILTER (WHERE t.outcome = 'passed') AS tests_passed,
       count(t.name) AS tests_total,
       coalesce(sum(t.points), 0) AS points,
       coalesce(sum(t.max_points), 0) AS max_points
FROM latest_results l
LEFT JOIN test_results t ON t.job_id = l.id AND t.attempt = l.result_attempt
GROUP BY l.student, l.module, l.status, l.run_id, l.id, l.finished_at;

-- Pass rate per module (over latest results) and per (module, test).
CREATE VIEW module_pass_rate AS
SELECT module, count(*) AS jobs,
       count(*) FILTER (WHERE status = 'passed') AS passed,
       round(100.0 * count(*) FILTER (WHERE status = 'passed') / nullif(count(*), 0), 1) AS pass_pct
FROM latest_results GROUP BY module;

CREATE VIEW test_pass_rate AS
SELECT l.module, t.name, count(*) AS runs,
       count(*) FILTER (WHERE t.outcome = 'passed') AS passed,
       round(100.0 * count(*) FILTER (WHERE t.outcome = 'passed') / nullif(count(*), 0), 1) AS pass_pct
FROM latest_results l
JOIN test_results t ON t.job_id = l.id AND t.attempt = l.result_attempt
GROUP BY l.module, t.name;

-- Flaky tests: the same (submission, module, test) both passed and failed
-- across attempts or runs, i.e. the outcome did not depend on the code.
CREATE VIEW flaky_tests AS
SELECT j.module, t.name, j.submission_sha,
       count(*) FILTER (WHERE t.outcome = 'passed') AS passed,
       count(*) FILTER (WHERE t.outcome <> 'passed') AS not_passed
FROM jobs j
JOIN test_results t ON t.job_id = j.id
WHERE j.submission_sha IS NOT NULL
GROUP BY j.module, t.name, j.submission_sha
HAVING count(*) FILTER (WHERE t.outcome = 'passed') > 0
   AND count(*) FILTER (WHERE t.outcome <> 'passed') > 0;
