-- Tests only (a service's %test profile adds db/test to its Flyway locations): every outbox row a transaction
-- committed, kept after the relay has deleted the row on publishing it. A test can then check what a use case wrote
-- in its transaction, and that a rolled-back one wrote nothing, however quickly the relay publishes.
CREATE TABLE IF NOT EXISTS outbox_event_history (LIKE outbox_event);

CREATE OR REPLACE FUNCTION outbox_event_remember() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO outbox_event_history SELECT NEW.*;
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS outbox_event_remembered ON outbox_event;
CREATE TRIGGER outbox_event_remembered AFTER INSERT ON outbox_event
    FOR EACH ROW EXECUTE FUNCTION outbox_event_remember();
