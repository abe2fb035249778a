-- The audit trail (A-1): one row per AccessRecorded event, stored once per event id. The tamper-evident hash chain
-- over these rows comes with the audit issue; this table is its input.
CREATE TABLE audit_entry (
    id            bigserial PRIMARY KEY,
    event_id      uuid        NOT NULL UNIQUE,
    occurred_at   timestamptz NOT NULL,
    producer      text        NOT NULL,
    action        text        NOT NULL,
    actor_subject text,
    actor_role    text,
    actor_team    text,
    subject_key   text,
    request_id    text,
    source_ip     text,
    details       jsonb       NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_entry_by_actor ON audit_entry (actor_subject, occurred_at);
CREATE INDEX audit_entry_by_subject ON audit_entry (subject_key, occurred_at);
CREATE INDEX audit_entry_by_time ON audit_entry (occurred_at);
