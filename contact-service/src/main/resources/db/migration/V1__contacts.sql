-- Contacts and their numbers (C-1, C-2, C-7). A number is stored only as AES-256-GCM ciphertext of its E.164 and found
-- through its blind index (HMAC-SHA256); `masked` is the only readable form. No column holds phone digits.
CREATE TABLE contact (
    id              uuid PRIMARY KEY,
    name            text        NOT NULL,
    email           text,
    status          text        NOT NULL,
    tags            text[]      NOT NULL DEFAULT '{}',
    -- Where the data came from (C-2), oldest first: [{channel, campaign, recordedAt}]; a merge keeps both lists.
    sources         jsonb       NOT NULL DEFAULT '[]',
    team            text        NOT NULL,
    time_zone       text,
    preferred_from  time,
    preferred_to    time,
    last_contact_at timestamptz,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    erased_at       timestamptz,
    version         bigint      NOT NULL DEFAULT 0
);
CREATE INDEX contact_team ON contact (team);
CREATE INDEX contact_tags ON contact USING gin (tags);
CREATE INDEX contact_duplicate_name ON contact (lower(name), lower(email)) WHERE email IS NOT NULL;

CREATE TABLE contact_phone (
    id                uuid PRIMARY KEY,
    contact_id        uuid        NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    position          integer     NOT NULL,
    phone_hash        char(64)    NOT NULL,
    ciphertext        bytea       NOT NULL,
    key_id            text        NOT NULL,
    masked            text        NOT NULL,
    type              text        NOT NULL,
    region            text        NOT NULL,
    time_zones        text[]      NOT NULL DEFAULT '{}',
    label             text,
    comment           text,
    last_confirmed_at timestamptz,
    created_at        timestamptz NOT NULL
);
CREATE INDEX contact_phone_hash ON contact_phone (phone_hash);
CREATE INDEX contact_phone_contact ON contact_phone (contact_id);
-- The re-encryption job walks the rows still under an old key.
CREATE INDEX contact_phone_key ON contact_phone (key_id);

-- Calls with the customer (C-5), from CallCompleted events of the dialer and the telephony platforms; one row per
-- call whichever path it came by. contact_id is null for a number no contact holds (yet).
CREATE TABLE interaction (
    id             uuid PRIMARY KEY,
    call_id        text        NOT NULL UNIQUE,
    contact_id     uuid REFERENCES contact (id) ON DELETE CASCADE,
    phone_hash     char(64),
    direction      text,
    outcome        text,
    operator_id    text,
    campaign_id    text,
    reason         text,
    duration_sec   integer,
    recording_ref  text,
    occurred_at    timestamptz NOT NULL
);
CREATE INDEX interaction_contact ON interaction (contact_id, occurred_at DESC);
CREATE INDEX interaction_phone ON interaction (phone_hash, occurred_at DESC);

-- An operator's access to a contact (C-8): opened when the dialer hands the contact to them or they talk with the
-- customer, and lapsing a configured time (24 h) after that last contact.
CREATE TABLE operator_assignment (
    contact_id      uuid        NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    operator_id     text        NOT NULL,
    team            text,
    last_contact_at timestamptz NOT NULL,
    PRIMARY KEY (contact_id, operator_id)
);
CREATE INDEX operator_assignment_operator ON operator_assignment (operator_id, last_contact_at);
