-- The national do-not-call registry (K-5). Each import is a new version; its numbers are loaded into a table of
-- their own (registry_entry_v<N>, created by the importer, no index while loading) and attached to registry_entry as
-- a partition when complete. The switch of registry_current happens in that same transaction, so a decision sees
-- either the whole old version or the whole new one.
CREATE SEQUENCE registry_version_seq;

CREATE TABLE registry_import (
    id           uuid PRIMARY KEY,
    version      integer     NOT NULL UNIQUE,
    status       text        NOT NULL,
    file_name    text,
    total        bigint      NOT NULL DEFAULT 0,
    processed    bigint      NOT NULL DEFAULT 0,
    listed       bigint      NOT NULL DEFAULT 0,
    duplicates   bigint      NOT NULL DEFAULT 0,
    rejected     bigint      NOT NULL DEFAULT 0,
    errors       text        NOT NULL DEFAULT '[]',
    failure      text,
    created_by   text        NOT NULL,
    started_at   timestamptz NOT NULL,
    completed_at timestamptz
);
-- One import at a time.
CREATE UNIQUE INDEX registry_import_one_running ON registry_import ((true)) WHERE status = 'IMPORTING';

CREATE TABLE registry_entry (
    version    integer  NOT NULL,
    phone_hash char(64) NOT NULL
) PARTITION BY LIST (version);

-- The version in force (one row; version 0 = no registry loaded yet).
CREATE TABLE registry_current (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version    integer     NOT NULL,
    switched_at timestamptz
);
INSERT INTO registry_current (version) VALUES (0);
