-- Segments (C-10): saved filters over a team's contacts that campaigns reference; members are evaluated when asked.
CREATE TABLE segment (
    id                          uuid PRIMARY KEY,
    name                        text        NOT NULL,
    team                        text        NOT NULL,
    tags                        text[]      NOT NULL DEFAULT '{}',
    sources                     text[]      NOT NULL DEFAULT '{}',
    statuses                    text[]      NOT NULL DEFAULT '{ACTIVE}',
    last_contact_older_than_days integer,
    last_contact_within_days    integer,
    created_by                  text        NOT NULL,
    created_at                  timestamptz NOT NULL
);
CREATE INDEX segment_team ON segment (team);

-- Export requests (C-9): requested, approved by another supervisor of the team, downloaded once as an encrypted
-- archive. The archive and its password are never stored.
CREATE TABLE export_request (
    id             uuid PRIMARY KEY,
    status         text        NOT NULL,
    pseudonymised  boolean     NOT NULL,
    segment_id     uuid REFERENCES segment (id),
    contact_ids    uuid[],
    reason         text        NOT NULL,
    team           text        NOT NULL,
    requested_by   text        NOT NULL,
    requested_at   timestamptz NOT NULL,
    decided_by     text,
    decided_at     timestamptz,
    downloaded_at  timestamptz,
    contacts       integer
);
