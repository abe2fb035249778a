-- Idempotency-Key (API conventions): the first answer to a client's POST under a key, replayed when the request comes
-- again, so a client that lost an answer can repeat its request without doing it twice. Neither the client nor its key
-- is stored: lookup_key and fingerprint are keyed hashes. The body is sealed (AES-256-GCM) under a key derived from the
-- client's key, so the table holds no phone number in any form. Rows live a day (dialright.idempotency.keep).
-- Repeatable, so databases migrated before it get the table too.
CREATE TABLE IF NOT EXISTS idempotent_request (
    lookup_key   text        PRIMARY KEY,
    -- the request holding the key: only it may answer or let go
    claim_id     uuid        NOT NULL,
    started_at   timestamptz NOT NULL,
    -- null while the first request runs
    answered_at  timestamptz,
    -- keyed hash of method, path, query, content type, the headers the endpoint reads and body: the same key with
    -- another request is refused
    fingerprint  bytea,
    status       integer,
    content_type text,
    location     text,
    -- null for an answer that could not be kept (a file): a repeat is told so instead of running again
    sealed_body  bytea
);
CREATE INDEX IF NOT EXISTS idempotent_request_by_age ON idempotent_request (started_at);
