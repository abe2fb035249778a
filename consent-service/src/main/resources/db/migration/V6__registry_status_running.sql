-- A registry import that is loading is RUNNING, the word contact imports use for the same thing.
DROP INDEX registry_import_one_running;
UPDATE registry_import SET status = 'RUNNING' WHERE status = 'IMPORTING';
CREATE UNIQUE INDEX registry_import_one_running ON registry_import ((true)) WHERE status = 'RUNNING';
