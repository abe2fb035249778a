-- A recording reference names the file of a call, and telephony platforms often name it after the caller's number
-- (out-79161234567-….wav): it is sealed like the numbers (C-7), bound to its interaction. Rows written before keep the
-- plaintext column until the re-encryption job seals them and empties it.
ALTER TABLE interaction
    ADD COLUMN recording_ref_sealed bytea,
    ADD COLUMN recording_key_id     text;
-- What the re-encryption job looks for every minute, without reading every call: references still in clear, and
-- references under a key other than the primary (found as key < primary OR key > primary).
CREATE INDEX interaction_recording_in_clear ON interaction (id) WHERE recording_ref IS NOT NULL;
CREATE INDEX interaction_recording_key ON interaction (recording_key_id) WHERE recording_key_id IS NOT NULL;
