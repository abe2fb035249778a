-- Caller-ID lookups are answered from a cache in each contact-service instance (CallerCache). Whatever changes what a
-- lookup shows of a number (a contact, its numbers, its calls) tells every instance, through NOTIFY on the channel
-- caller_changed, which numbers' blind indexes to forget. NOTIFY is transactional: a rolled-back change tells nobody,
-- and a committed one reaches the listeners in commit order. The triggers are per statement, so an import batch of
-- thousands of rows sends one notification, not thousands; every path that writes these tables is covered, plain SQL
-- included.

-- Tells the listeners which numbers changed: the given blind indexes, and every number of the given contacts (a card
-- shows all of a contact's numbers, so a change to one is a change to the lookups of all). Large changes (imports,
-- re-encryption batches, merges of big contacts) say "*": forget everything, cheaper than naming thousands.
CREATE FUNCTION notify_callers_changed(changed_contacts uuid[], changed_numbers text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    numbers text[];
BEGIN
    IF cardinality(changed_contacts) > 200 OR cardinality(changed_numbers) > 200 THEN
        PERFORM pg_notify('caller_changed', '*');
        RETURN;
    END IF;
    numbers := ARRAY(
        SELECT given FROM unnest(changed_numbers) AS given WHERE given IS NOT NULL
        UNION
        SELECT phone_hash::text FROM contact_phone WHERE contact_id = ANY (changed_contacts));
    IF cardinality(numbers) > 500 THEN
        PERFORM pg_notify('caller_changed', '*');
        RETURN;
    END IF;
    -- A payload holds at most 8,000 bytes: 100 keys of 64 characters and their commas fit.
    FOR chunk IN 1 .. cardinality(numbers) BY 100 LOOP
        PERFORM pg_notify('caller_changed', array_to_string(numbers[chunk : chunk + 99], ','));
    END LOOP;
END $$;

-- The statement-level trigger of contact, contact_phone and interaction. A trigger with transition tables serves one
-- event only, so each table has one per event; the function reads the transition tables its event has (PL/pgSQL
-- plans a statement only when it first runs it). "LIMIT 201" is enough to know a change is large.
CREATE FUNCTION callers_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('caller_changed', '*');
    ELSIF TG_TABLE_NAME = 'contact' THEN
        IF TG_OP = 'UPDATE' THEN
            PERFORM notify_callers_changed(ARRAY(SELECT id FROM new_rows LIMIT 201), '{}');
        ELSE
            PERFORM notify_callers_changed(ARRAY(SELECT id FROM old_rows LIMIT 201), '{}');
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM notify_callers_changed(ARRAY(SELECT contact_id FROM new_rows LIMIT 201),
                                       ARRAY(SELECT phone_hash::text FROM new_rows LIMIT 201));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM notify_callers_changed(
                ARRAY(SELECT contact_id FROM new_rows UNION SELECT contact_id FROM old_rows LIMIT 201),
                ARRAY(SELECT phone_hash::text FROM new_rows UNION SELECT phone_hash::text FROM old_rows LIMIT 201));
    ELSE
        PERFORM notify_callers_changed(ARRAY(SELECT contact_id FROM old_rows LIMIT 201),
                                       ARRAY(SELECT phone_hash::text FROM old_rows LIMIT 201));
    END IF;
    RETURN NULL;
END $$;

-- A new contact has no numbers yet: the insert of its numbers is what a lookup sees.
CREATE TRIGGER contact_updated_callers AFTER UPDATE ON contact
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION callers_changed();
CREATE TRIGGER contact_deleted_callers AFTER DELETE ON contact
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION callers_changed();
CREATE TRIGGER contact_truncated_callers AFTER TRUNCATE ON contact
    FOR EACH STATEMENT EXECUTE FUNCTION callers_changed();

CREATE TRIGGER contact_phone_inserted_callers AFTER INSERT ON contact_phone
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION callers_changed();
CREATE TRIGGER contact_phone_updated_callers AFTER UPDATE ON contact_phone
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION callers_changed();
CREATE TRIGGER contact_phone_deleted_callers AFTER DELETE ON contact_phone
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION callers_changed();
CREATE TRIGGER contact_phone_truncated_callers AFTER TRUNCATE ON contact_phone
    FOR EACH STATEMENT EXECUTE FUNCTION callers_changed();

CREATE TRIGGER interaction_inserted_callers AFTER INSERT ON interaction
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION callers_changed();
CREATE TRIGGER interaction_updated_callers AFTER UPDATE ON interaction
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION callers_changed();
CREATE TRIGGER interaction_deleted_callers AFTER DELETE ON interaction
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION callers_changed();
CREATE TRIGGER interaction_truncated_callers AFTER TRUNCATE ON interaction
    FOR EACH STATEMENT EXECUTE FUNCTION callers_changed();
