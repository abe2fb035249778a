-- The stop list (K-4): numbers that asked not to be called. A number is found by its blind index (HMAC of the
-- E.164); the table holds no phone digits except the masked form shown to people.
CREATE TABLE stop_list_entry (
    id          uuid PRIMARY KEY,
    phone_hash  char(64)    NOT NULL,
    masked      text        NOT NULL,
    channel     text        NOT NULL,
    source      text        NOT NULL,
    reason      text,
    call_id     text,
    recorded_by text        NOT NULL,
    recorded_at timestamptz NOT NULL,
    removed_at  timestamptz
);
-- At most one entry in force per number: concurrent opt-outs of one number record it once.
CREATE UNIQUE INDEX stop_list_entry_in_force ON stop_list_entry (phone_hash) WHERE removed_at IS NULL;
