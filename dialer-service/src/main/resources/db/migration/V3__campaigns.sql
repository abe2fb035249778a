-- Campaigns (D-1): what is called, for which purpose, under which calling rules, by which teams.
CREATE TABLE campaign (
    id              uuid PRIMARY KEY,
    name            text        NOT NULL,
    purpose         text        NOT NULL,
    ruleset_id      text        NOT NULL,
    script_variants jsonb       NOT NULL,
    teams           text[]      NOT NULL,
    sensitive       boolean     NOT NULL,
    priority        integer     NOT NULL,
    status          text        NOT NULL,
    follow_up_sms   jsonb,
    created_by      text        NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    version         bigint      NOT NULL
);

-- The contacts of a campaign and where each stands in its queue. The number is sealed with the dialer's own key
-- (AES-256-GCM, associated data = campaign, contact and column) and found by its blind index.
--   READY     may be handed out when its zone's hours are open
--   WAITING   not before next_eligible_at (attempt limits, consent to re-check, preferred time); a job wakes it
--   CALLBACK  a callback due at callback_due_at, served before everything else
--   LEASED    handed out to lease_operator until lease_expires_at (an unanswered lease returns to READY, or to
--             CALLBACK for a callback)
--   DONE      finished for this campaign (sale, refusal, opt-out, wrong number, …)
CREATE TABLE campaign_member (
    campaign_id       uuid        NOT NULL REFERENCES campaign (id),
    contact_id        uuid        NOT NULL,
    phone_hash        char(64)    NOT NULL,
    phone_ciphertext  bytea       NOT NULL,
    key_id            text        NOT NULL,
    masked            text        NOT NULL,
    region            text,
    zone_key          text        NOT NULL,
    zone_confirmed    boolean     NOT NULL,
    preferred_from    time,
    preferred_to      time,
    vip               boolean     NOT NULL,
    source_channel    text,
    script_variant    text        NOT NULL,
    state             text        NOT NULL,
    block_code        text,
    next_eligible_at  timestamptz,
    callback_due_at   timestamptz,
    attempts          integer     NOT NULL DEFAULT 0,
    last_attempt_at   timestamptz,
    last_operator_id  text,
    lease_id          uuid,
    lease_operator    text,
    lease_expires_at  timestamptz,
    outcome           text,
    added_at          timestamptz NOT NULL,
    PRIMARY KEY (campaign_id, contact_id)
);
-- The hand-out queue: per zone set, VIPs first, then the least recently attempted.
CREATE INDEX member_queue ON campaign_member (campaign_id, zone_key, vip DESC, last_attempt_at ASC NULLS FIRST,
                                              contact_id)
    WHERE state = 'READY';
CREATE INDEX member_callbacks ON campaign_member (campaign_id, callback_due_at) WHERE state = 'CALLBACK';
CREATE INDEX member_waiting ON campaign_member (next_eligible_at) WHERE state = 'WAITING';
CREATE INDEX member_leases ON campaign_member (lease_expires_at) WHERE state = 'LEASED';
CREATE INDEX member_by_phone ON campaign_member (phone_hash);
CREATE INDEX member_by_contact ON campaign_member (contact_id);

-- The distinct zone sets of a campaign's members: the hand-out evaluates hours once per set, not per member.
CREATE TABLE campaign_zone_set (
    campaign_id uuid    NOT NULL REFERENCES campaign (id),
    zone_key    text    NOT NULL,
    zones       text[]  NOT NULL,
    ambiguous   boolean NOT NULL,
    PRIMARY KEY (campaign_id, zone_key)
);

-- Background jobs adding members (from explicit ids or a segment of contact-service).
CREATE TABLE member_job (
    id              uuid PRIMARY KEY,
    campaign_id     uuid        NOT NULL REFERENCES campaign (id),
    segment_id      uuid,
    contact_ids     uuid[],
    status          text        NOT NULL,
    requested       integer     NOT NULL DEFAULT 0,
    added           integer     NOT NULL DEFAULT 0,
    already_members integer     NOT NULL DEFAULT 0,
    not_available   integer     NOT NULL DEFAULT 0,
    no_number       integer     NOT NULL DEFAULT 0,
    error           text,
    requested_by    text        NOT NULL,
    created_at      timestamptz NOT NULL,
    finished_at     timestamptz
);

-- Every outbound call attempt on a number, whatever the campaign: the attempt limits count per callee. A call
-- counts from its start (outcome IN_PROGRESS until it completes), so a platform that never reports the end cannot
-- make the limits fail open. Call ids are the reporting platform's own.
CREATE TABLE call_attempt (
    reported_by   text        NOT NULL,
    call_id       text        NOT NULL,
    phone_hash    char(64)    NOT NULL,
    campaign_id   uuid,
    contact_id    uuid,
    operator_id   text        NOT NULL,
    outcome       text        NOT NULL,
    conversation  boolean     NOT NULL,
    refusal_reason text,
    script_variant text,
    source_channel text,
    occurred_at   timestamptz NOT NULL,
    PRIMARY KEY (reported_by, call_id)
);
CREATE INDEX attempt_by_phone ON call_attempt (phone_hash, occurred_at DESC);
CREATE INDEX attempt_by_campaign ON call_attempt (campaign_id);
