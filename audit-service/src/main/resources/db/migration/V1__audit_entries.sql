-- The audit trail (A-1, A-2): one row per audited action, stored once per event id, in an append-only hash chain.
-- seq is contiguous from 1; entry_hash = SHA-256 over a domain tag, prev_hash and the length-prefixed fields
-- (AuditChain). Times are integer microseconds and details the exact JSON text hashed, so a reloaded row hashes the
-- same as the row that was written.
CREATE TABLE audit_entry (
    seq                bigint      PRIMARY KEY,
    event_id           uuid        NOT NULL UNIQUE,
    occurred_at_micros bigint      NOT NULL,
    recorded_at_micros bigint      NOT NULL,
    producer           text        NOT NULL,
    action             text        NOT NULL,
    actor_subject      text,
    actor_role         text,
    actor_team         text,
    subject_key        text,
    -- The number's blind index when the action concerned a number: searchable, never shown.
    subject_hash       text,
    request_id         text,
    source_ip          text,
    details            text        NOT NULL,
    prev_hash          bytea       NOT NULL,
    entry_hash         bytea       NOT NULL
);
CREATE INDEX audit_entry_by_actor ON audit_entry (actor_subject, occurred_at_micros);
CREATE INDEX audit_entry_by_subject ON audit_entry (subject_key, occurred_at_micros);
CREATE INDEX audit_entry_by_number ON audit_entry (subject_hash, occurred_at_micros);
CREATE INDEX audit_entry_by_time ON audit_entry (occurred_at_micros);

-- The head of the chain: appends lock this one row, so they are serialised and the chain cannot fork.
CREATE TABLE audit_chain_head (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    seq        bigint  NOT NULL,
    entry_hash bytea   NOT NULL
);
INSERT INTO audit_chain_head (seq, entry_hash) VALUES (0, decode(repeat('00', 32), 'hex'));

-- Append-only: no role may update, delete or truncate entries through SQL; the trigger also stops the owner.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM PUBLIC;
CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER audit_entry_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
