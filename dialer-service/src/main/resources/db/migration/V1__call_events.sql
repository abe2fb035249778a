-- Call events reported by telephony platforms and operator desktops (D-4). The number is kept as its blind index
-- and masked form only; the event id makes a replayed webhook change nothing.
CREATE TABLE call_event (
    id             uuid PRIMARY KEY,
    event_id       uuid        NOT NULL UNIQUE,
    type           text        NOT NULL,
    call_id        text        NOT NULL,
    campaign_id    uuid,
    contact_id     uuid,
    phone_hash     char(64)    NOT NULL,
    masked         text        NOT NULL,
    direction      text        NOT NULL,
    operator_id    text        NOT NULL,
    outcome        text,
    callback_at    timestamptz,
    refusal_reason text,
    duration_sec   integer,
    recording_ref  text,
    occurred_at    timestamptz NOT NULL,
    received_at    timestamptz NOT NULL,
    received_from  text        NOT NULL
);
CREATE INDEX call_event_by_call ON call_event (call_id);

-- Local projection of consent-service's stop list: a fast pre-filter for the dialer (the final check before a
-- hand-out asks consent-service synchronously).
CREATE TABLE stop_list_projection (
    phone_hash      char(64)    PRIMARY KEY,
    opted_out_at    timestamptz NOT NULL,
    source_event_id uuid        NOT NULL
);
