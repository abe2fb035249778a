-- The service works as dialright_audit_writer (quarkus.datasource.jdbc.new-connection-sql), which may only insert
-- and read audit entries; migrations run as the owner. For full separation give the service its own login that is
-- a member of this role only (QUARKUS_DATASOURCE_USERNAME) and keep the owner for Flyway (QUARKUS_FLYWAY_USERNAME).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dialright_audit_writer') THEN
        CREATE ROLE dialright_audit_writer NOLOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO dialright_audit_writer;
GRANT SELECT, INSERT ON audit_entry TO dialright_audit_writer;
GRANT SELECT, UPDATE ON audit_chain_head TO dialright_audit_writer;
GRANT SELECT, INSERT, UPDATE, DELETE ON outbox_event, processed_event, dead_letter TO dialright_audit_writer;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO dialright_audit_writer;
