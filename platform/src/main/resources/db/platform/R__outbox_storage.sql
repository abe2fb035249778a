-- Large event values (an import's ContactsImported carries up to 500 contacts, about 250 kB) are stored out of line
-- without compression. PostgreSQL's pglz cost about 2.8 ms per such event inside the writer's transaction, three times
-- storing it plain; the rows live until the retention job removes published events (7 days by default). Small events
-- are unaffected: values under ~2 kB are never moved out of line. Repeatable, so databases that already have the table
-- get it too.
ALTER TABLE outbox_event ALTER COLUMN message_value SET STORAGE EXTERNAL;
