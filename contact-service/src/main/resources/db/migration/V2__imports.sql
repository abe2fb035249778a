-- Bulk imports (C-6): one job per uploaded file, its progress, and the lines it rejected (up to a configured number;
-- all are counted). The uploaded file waits in the spool directory, not in the database.
CREATE TABLE import_job (
    id           uuid PRIMARY KEY,
    status       text        NOT NULL,
    format       text        NOT NULL,
    file_name    text,
    spool_path   text        NOT NULL,
    charset      text        NOT NULL,
    team         text        NOT NULL,
    requested_by text        NOT NULL,
    requested_role text      NOT NULL,
    total        bigint,
    processed    bigint      NOT NULL DEFAULT 0,
    imported     bigint      NOT NULL DEFAULT 0,
    duplicates   bigint      NOT NULL DEFAULT 0,
    rejected     bigint      NOT NULL DEFAULT 0,
    failure      text,
    created_at   timestamptz NOT NULL,
    started_at   timestamptz,
    finished_at  timestamptz
);
CREATE INDEX import_job_unfinished ON import_job (created_at) WHERE status IN ('QUEUED', 'RUNNING');

CREATE TABLE import_error (
    job_id uuid    NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    line   bigint  NOT NULL,
    reason text    NOT NULL,
    PRIMARY KEY (job_id, line)
);
