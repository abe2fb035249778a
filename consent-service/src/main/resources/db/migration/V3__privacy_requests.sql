-- Removal of stop-list entries (K-4: a supervisor and a reason), privacy requests (K-7 erasure, K-8 access) and what
-- consent-service learns from contact-service to answer "how did you get my number?".

ALTER TABLE stop_list_entry
    ADD COLUMN removed_by     text,
    ADD COLUMN removal_reason text;

-- An erasure or access request. phone_hash stays for the regulator (pseudonymised); masked is cleared once an
-- erasure is complete.
CREATE TABLE privacy_request (
    id             uuid PRIMARY KEY,
    type           text        NOT NULL,
    phone_hash     char(64)    NOT NULL,
    masked         text,
    channel        text        NOT NULL,
    requester      text        NOT NULL,
    received_by    text        NOT NULL,
    received_at    timestamptz NOT NULL,
    due_by         timestamptz NOT NULL,
    status         text        NOT NULL,
    completed_at   timestamptz,
    overdue_at     timestamptz,
    report         text
);
CREATE INDEX privacy_request_by_number ON privacy_request (phone_hash);
CREATE INDEX privacy_request_open ON privacy_request (due_by) WHERE status = 'OPEN';
-- One open erasure per number: a second request while the first runs is answered with the first.
CREATE UNIQUE INDEX privacy_request_one_open_erasure ON privacy_request (phone_hash)
    WHERE type = 'ERASURE' AND status = 'OPEN';

-- The timeline of a request, kept for the regulator.
CREATE TABLE privacy_request_step (
    id                 bigserial PRIMARY KEY,
    privacy_request_id uuid        NOT NULL REFERENCES privacy_request (id),
    step               text        NOT NULL,
    at                 timestamptz NOT NULL,
    by_whom            text        NOT NULL,
    note               text
);
CREATE INDEX privacy_request_step_by_request ON privacy_request_step (privacy_request_id, id);

-- Each service's confirmation that it erased the number (matched on the event envelope's producer).
CREATE TABLE erasure_confirmation (
    privacy_request_id uuid        NOT NULL REFERENCES privacy_request (id),
    service            text        NOT NULL,
    confirmed_at       timestamptz NOT NULL,
    event_id           uuid        NOT NULL,
    details            text        NOT NULL,
    PRIMARY KEY (privacy_request_id, service)
);

-- "Forget me, but don't call me": the blind index of an erased number, kept after everything else about it is
-- gone, so it stays blocked for every purpose.
CREATE TABLE erasure_tombstone (
    phone_hash         char(64) PRIMARY KEY,
    privacy_request_id uuid        NOT NULL,
    erased_at          timestamptz NOT NULL
);

-- Which contact holds a number and where it came from, learnt from ContactCreated (for access reports).
CREATE TABLE contact_number (
    contact_id      uuid        NOT NULL,
    phone_hash      char(64)    NOT NULL,
    masked          text        NOT NULL,
    number_type     text,
    label           text,
    source_channel  text,
    source_campaign text,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (contact_id, phone_hash)
);
CREATE INDEX contact_number_by_number ON contact_number (phone_hash);
