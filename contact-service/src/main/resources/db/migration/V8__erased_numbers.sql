-- Numbers erased on request (K-7), by their blind index only: neither a create, an edit nor an import may store such
-- a number again, so an old CRM file cannot bring an erased customer back. consent-service keeps the same tombstone
-- for its own decisions; this is the one contact-service needs to refuse, kept in its own database.
CREATE TABLE erased_number (
    phone_hash         char(64)    PRIMARY KEY,
    privacy_request_id uuid        NOT NULL,
    erased_at          timestamptz NOT NULL
);
