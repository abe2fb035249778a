-- A lookup of an erased number says so (rule ERASED_NUMBER instead of the offer to create a contact): an erasure of a
-- number no contact held and nobody called changes no other table, so its tombstone tells the lookup caches itself.
CREATE TRIGGER erased_number_inserted AFTER INSERT ON erased_number
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION caller_consents_changed();
CREATE TRIGGER erased_number_deleted AFTER DELETE ON erased_number
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION caller_consents_changed();
CREATE TRIGGER erased_number_truncated AFTER TRUNCATE ON erased_number
    FOR EACH STATEMENT EXECUTE FUNCTION caller_consents_changed();
