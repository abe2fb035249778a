-- The consent summary of the caller-ID card (C-4): what consent-service announced about each number, kept here by
-- the consent-summary consumer so that a lookup reads it with the card rather than asking consent-service while the
-- phone rings. Facts, not a decision: "may I call?" stays consent-service's answer, which also weighs the national
-- registry and the rules of each purpose.

-- The latest consent per number, purpose and channel (consent-service keeps one in force for each): ACTIVE or
-- REVOKED; whether an active one has expired is read from valid_until when it is shown.
CREATE TABLE caller_consent (
    phone_hash  char(64)    NOT NULL,
    purpose     text        NOT NULL,
    channel     text        NOT NULL,
    consent_id  uuid        NOT NULL,
    legal_basis text        NOT NULL,
    status      text        NOT NULL,
    valid_until timestamptz,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (phone_hash, purpose, channel)
);

-- The number's stop-list entry in force, if any (consent-service keeps at most one per number).
CREATE TABLE caller_stop_listing (
    phone_hash         char(64)    PRIMARY KEY,
    stop_list_entry_id uuid        NOT NULL,
    channel            text        NOT NULL,
    recorded_at        timestamptz NOT NULL
);

-- A change of either table changes what a lookup of the number shows: the lookup caches forget it (see V5).
CREATE FUNCTION caller_consents_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('caller_changed', '*');
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM notify_callers_changed('{}', ARRAY(SELECT phone_hash::text FROM old_rows LIMIT 201));
    ELSE
        PERFORM notify_callers_changed('{}', ARRAY(SELECT phone_hash::text FROM new_rows LIMIT 201));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER caller_consent_inserted AFTER INSERT ON caller_consent
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION caller_consents_changed();
CREATE TRIGGER caller_consent_updated AFTER UPDATE ON caller_consent
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION caller_consents_changed();
CREATE TRIGGER caller_consent_deleted AFTER DELETE ON caller_consent
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION caller_consents_changed();
CREATE TRIGGER caller_consent_truncated AFTER TRUNCATE ON caller_consent
    FOR EACH STATEMENT EXECUTE FUNCTION caller_consents_changed();

CREATE TRIGGER caller_stop_listing_inserted AFTER INSERT ON caller_stop_listing
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION caller_consents_changed();
CREATE TRIGGER caller_stop_listing_updated AFTER UPDATE ON caller_stop_listing
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION caller_consents_changed();
CREATE TRIGGER caller_stop_listing_deleted AFTER DELETE ON caller_stop_listing
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION caller_consents_changed();
CREATE TRIGGER caller_stop_listing_truncated AFTER TRUNCATE ON caller_stop_listing
    FOR EACH STATEMENT EXECUTE FUNCTION caller_consents_changed();
