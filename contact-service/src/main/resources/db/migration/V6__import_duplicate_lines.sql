-- Per-row outcome of an import (C-6) for duplicates too: the first lines (as many as rejections are kept) whose
-- number was already known or repeated an earlier line; all are counted in import_job.duplicates.
CREATE TABLE import_duplicate (
    job_id uuid   NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    line   bigint NOT NULL,
    reason text   NOT NULL,
    PRIMARY KEY (job_id, line)
);
