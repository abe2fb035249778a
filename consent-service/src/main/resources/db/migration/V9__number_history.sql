-- What was done with a number, for access reports (K-8: "calls made, exports"): the calls made to and from it, from
-- the dialer's CallCompleted and the telephony platforms' CALL_COMPLETED, and the exports whose archive held it, from
-- contact-service's ContactsExported. Kept by blind index only; deleted with the rest of the number's data on erasure.

-- One row per call of the number: the dialer re-announces the telephony platform's calls under the same call id.
CREATE TABLE number_call (
    phone_hash   char(64) COLLATE "C" NOT NULL,
    call_id      text                 NOT NULL,
    campaign_id  uuid,
    direction    text,
    outcome      text,
    operator_id  text,
    occurred_at  timestamptz          NOT NULL,
    duration_sec integer,
    PRIMARY KEY (phone_hash, call_id)
);
CREATE INDEX number_call_newest ON number_call (phone_hash, occurred_at DESC);

-- One row per export whose downloaded archive held the number (the real number, also in a pseudonymised archive).
CREATE TABLE number_export (
    phone_hash    char(64) COLLATE "C" NOT NULL,
    export_id     uuid                 NOT NULL,
    requested_by  text                 NOT NULL,
    approved_by   text,
    pseudonymised boolean              NOT NULL,
    downloaded_at timestamptz          NOT NULL,
    PRIMARY KEY (phone_hash, export_id)
);
CREATE INDEX number_export_newest ON number_export (phone_hash, downloaded_at DESC);
