-- A recording reference names the file of a call, and telephony platforms often name it after the caller's number
-- (out-79161234567-….wav): it is sealed like the numbers (C-7), bound to its interaction. Rows written before keep the
-- plaintext column until the re-encryption job seals them and empties it.
ALTER TABLE interaction
    ADD COLUMN recording_ref_sealed bytea,
    ADD COLUMN recording_key_id     text;
CREATE INDEX interaction_recording_to_seal ON interaction (id)
    WHERE recording_ref IS NOT NULL OR recording_key_id IS NOT NULL;
