-- Consent texts (K-2), consent records with their history (K-1), double opt-in proof (K-3) and the decision rules
-- (K-6). Numbers appear only as their blind index (HMAC of the E.164) and masked form.

-- A versioned consent text. A version that was shown to anyone (referenced by a consent) is immutable: a change is a
-- new version of the same code.
CREATE TABLE consent_template (
    id                 uuid PRIMARY KEY,
    code               text        NOT NULL,
    version            integer     NOT NULL,
    purpose            text        NOT NULL,
    company_name       text        NOT NULL,
    inn                text        NOT NULL,
    company_address    text        NOT NULL,
    data_composition   text        NOT NULL,
    processing_methods text        NOT NULL,
    term               text        NOT NULL,
    revocation         text        NOT NULL,
    frequency          text,
    body               text        NOT NULL,
    created_by         text        NOT NULL,
    created_at         timestamptz NOT NULL,
    first_shown_at     timestamptz,
    UNIQUE (code, version)
);

-- The database itself refuses to change or delete a shown version, whatever the application does.
CREATE FUNCTION consent_template_shown_is_immutable() RETURNS trigger AS $$
BEGIN
    IF OLD.first_shown_at IS NOT NULL THEN
        RAISE EXCEPTION 'consent template % version % has been shown and cannot change', OLD.code, OLD.version
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER consent_template_immutable BEFORE UPDATE OR DELETE ON consent_template
    FOR EACH ROW EXECUTE FUNCTION consent_template_shown_is_immutable();

-- A consent (or another legal basis) for one number, purpose and channel. The facts of the capture never change;
-- status is the latest entry of consent_state, kept here so decisions read one row. contact_id changes only when
-- contacts are merged (also recorded in consent_state).
CREATE TABLE consent (
    id                uuid PRIMARY KEY,
    contact_id        uuid        NOT NULL,
    phone_hash        char(64)    NOT NULL,
    masked            text        NOT NULL,
    purpose           text        NOT NULL,
    channel           text        NOT NULL,
    legal_basis       text        NOT NULL,
    capture_method    text        NOT NULL,
    source            text        NOT NULL,
    capture_reference text,
    template_id       uuid REFERENCES consent_template (id),
    captured_at       timestamptz NOT NULL,
    valid_until       timestamptz,
    status            text        NOT NULL,
    status_changed_at timestamptz NOT NULL,
    created_by        text        NOT NULL,
    created_at        timestamptz NOT NULL,
    request_id        text,
    source_ip         text,
    user_agent        text
);
CREATE INDEX consent_by_number ON consent (phone_hash, purpose);
CREATE INDEX consent_by_contact ON consent (contact_id);
-- At most one consent in force per number, purpose and channel: a new one supersedes the old.
CREATE UNIQUE INDEX consent_one_active ON consent (phone_hash, purpose, channel) WHERE status = 'ACTIVE';

CREATE FUNCTION consent_facts_are_immutable() RETURNS trigger AS $$
BEGIN
    IF (NEW.id, NEW.phone_hash, NEW.purpose, NEW.channel, NEW.legal_basis, NEW.capture_method, NEW.source,
        NEW.capture_reference, NEW.template_id, NEW.captured_at, NEW.valid_until, NEW.created_by, NEW.created_at,
        NEW.request_id, NEW.source_ip, NEW.user_agent)
       IS DISTINCT FROM
       (OLD.id, OLD.phone_hash, OLD.purpose, OLD.channel, OLD.legal_basis, OLD.capture_method, OLD.source,
        OLD.capture_reference, OLD.template_id, OLD.captured_at, OLD.valid_until, OLD.created_by, OLD.created_at,
        OLD.request_id, OLD.source_ip, OLD.user_agent) THEN
        RAISE EXCEPTION 'consent % is a record of what happened; only its status and contact change', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER consent_immutable_facts BEFORE UPDATE ON consent
    FOR EACH ROW EXECUTE FUNCTION consent_facts_are_immutable();

-- Every state a consent went through, with who, when, through which channel and why. Append-only: rows are never
-- updated (they are deleted only with the consent, by an erasure request).
CREATE TABLE consent_state (
    id            bigserial PRIMARY KEY,
    consent_id    uuid        NOT NULL REFERENCES consent (id) ON DELETE CASCADE,
    status        text        NOT NULL,
    at            timestamptz NOT NULL,
    actor_subject text        NOT NULL,
    actor_role    text,
    channel       text,
    reason        text
);
CREATE INDEX consent_state_by_consent ON consent_state (consent_id, id);

CREATE FUNCTION consent_state_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'consent history is append-only' USING ERRCODE = 'integrity_constraint_violation';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER consent_state_append_only BEFORE UPDATE ON consent_state
    FOR EACH ROW EXECUTE FUNCTION consent_state_is_append_only();

-- Double opt-in: the code is kept only as a keyed hash; the times are the proof of the confirmation.
CREATE TABLE consent_confirmation (
    consent_id        uuid PRIMARY KEY REFERENCES consent (id) ON DELETE CASCADE,
    code_hash         char(64)    NOT NULL,
    first_sent_at     timestamptz NOT NULL,
    last_sent_at      timestamptz NOT NULL,
    sends             integer     NOT NULL,
    expires_at        timestamptz NOT NULL,
    attempts          integer     NOT NULL,
    confirmed_at      timestamptz,
    confirmed_by      text,
    confirm_request_id text,
    confirm_source_ip text,
    confirm_user_agent text
);

-- The rules of "may this number be called for purpose P on channel C?" (K-6), one row per purpose. Erasure blocks
-- every purpose and is not a rule that can be switched off.
CREATE TABLE decision_rule (
    purpose                text PRIMARY KEY,
    -- a consent record of this purpose counts only when it rests on one of these legal bases
    accepted_bases         text[]  NOT NULL,
    -- records on these bases allow the call even when the number is on the stop list
    stop_list_exempt_bases text[]  NOT NULL,
    -- the record must be for the channel asked about (else any channel's record counts)
    channel_must_match     boolean NOT NULL,
    -- numbers in the national do-not-call registry are blocked
    registry_blocks        boolean NOT NULL,
    explanation            text    NOT NULL
);

INSERT INTO decision_rule VALUES
    ('EMERGENCY', '{CONSENT,CONTRACT,VITAL_INTERESTS,LEGAL_OBLIGATION}', '{CONTRACT,VITAL_INTERESTS,LEGAL_OBLIGATION}',
     false, false,
     'Emergency service notifications: a consent, contract, vital-interest or legal-obligation basis; the last three '
     || 'allow the call even when the number is on the stop list.'),
    ('ORDER_STATUS', '{CONSENT,CONTRACT}', '{}', false, false,
     'Service purpose: a consent or a contract basis, and no stop-list entry.'),
    ('TECH_SUPPORT', '{CONSENT,CONTRACT}', '{}', false, false,
     'Service purpose: a consent or a contract basis, and no stop-list entry.'),
    ('DOCUMENTS', '{CONSENT,CONTRACT}', '{}', false, false,
     'Service purpose: a consent or a contract basis, and no stop-list entry.'),
    ('SURVEY', '{CONSENT}', '{}', true, false,
     'Quality surveys: an active consent for surveys on this channel, and no stop-list entry.'),
    ('MARKETING', '{CONSENT}', '{}', true, true,
     'Marketing: its own active consent for marketing on this channel (never implied by another purpose), no '
     || 'stop-list entry, and the number absent from the national do-not-call registry.');
