-- A merge keeps everything of both contacts (C-3): the duplicate's name and e-mail, where the survivor kept its own,
-- stay with the survivor as other identities [{name, email, mergedFrom, mergedAt}], oldest first.
ALTER TABLE contact ADD COLUMN other_identities jsonb NOT NULL DEFAULT '[]';
