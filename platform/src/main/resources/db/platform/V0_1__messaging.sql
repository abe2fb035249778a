-- Tables of the platform's messaging mechanisms, present in every service's database.
-- Platform migrations use versions 0.x; each service's own migrations (db/migration) start at 1.

-- Transactional outbox: written in the same transaction as the state change, published by the relay.
CREATE TABLE outbox_event (
    id             bigserial PRIMARY KEY,
    event_id       uuid        NOT NULL UNIQUE,
    event_type     text        NOT NULL,
    topic          text        NOT NULL,
    message_key    text        NOT NULL,
    message_value  bytea       NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    published_at   timestamptz,
    attempts       integer     NOT NULL DEFAULT 0,
    last_error     text,
    -- Set when the broker refused the event for good (too large, invalid topic): it no longer blocks the others.
    parked_at      timestamptz
);
-- The relay reads only rows waiting for publication, oldest first.
CREATE INDEX outbox_event_waiting ON outbox_event (id) WHERE published_at IS NULL AND parked_at IS NULL;
-- Retention deletes published rows by age.
CREATE INDEX outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;

-- Idempotent consumers: an event id is applied at most once per consumer group.
CREATE TABLE processed_event (
    consumer_group text        NOT NULL,
    event_id       uuid        NOT NULL,
    processed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, event_id)
);
-- Retention deletes old rows by age.
CREATE INDEX processed_event_by_age ON processed_event (processed_at);

-- Messages a consumer gave up on, kept for inspection and replay.
CREATE TABLE dead_letter (
    id              bigserial PRIMARY KEY,
    consumer_group  text        NOT NULL,
    topic           text        NOT NULL,
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    message_key     text,
    event_id        uuid,
    message_value   bytea,
    error           text,
    parked_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (consumer_group, topic, kafka_partition, kafka_offset)
);
