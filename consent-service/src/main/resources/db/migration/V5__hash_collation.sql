-- Blind indexes are hex strings compared only for equality: compare them byte by byte (collation "C") instead of
-- by the database's locale rules, which cost more and make batch decisions and registry loads slower.
ALTER TABLE stop_list_entry ALTER COLUMN phone_hash TYPE char(64) COLLATE "C";
ALTER TABLE consent ALTER COLUMN phone_hash TYPE char(64) COLLATE "C";
ALTER TABLE privacy_request ALTER COLUMN phone_hash TYPE char(64) COLLATE "C";
ALTER TABLE erasure_tombstone ALTER COLUMN phone_hash TYPE char(64) COLLATE "C";
ALTER TABLE contact_number ALTER COLUMN phone_hash TYPE char(64) COLLATE "C";
ALTER TABLE registry_entry ALTER COLUMN phone_hash TYPE char(64) COLLATE "C";
