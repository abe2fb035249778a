-- Who may reach a contact's consent records (PRODUCT.md roles, OWASP API1), learnt from other services' events the
-- same way contact-service learns it: the contact's team from contact-service, operators' current work with the
-- contact from the dialer's hand-outs and completed calls.

-- A contact's team (ContactCreated, ContactUpdated, ContactsImported); gone with ContactsMerged and ContactErased.
CREATE TABLE contact_team (
    contact_id uuid PRIMARY KEY,
    team       text        NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX contact_team_by_team ON contact_team (team);

-- An operator's access to a contact: the time of their last contact with the customer (a hand-out, a completed call,
-- creating the contact); access holds while that time is younger than dialright.consent.assignment-ttl.
CREATE TABLE operator_assignment (
    contact_id      uuid        NOT NULL,
    operator_id     text        NOT NULL,
    team            text,
    last_contact_at timestamptz NOT NULL,
    PRIMARY KEY (contact_id, operator_id)
);
CREATE INDEX operator_assignment_by_operator ON operator_assignment (operator_id, last_contact_at);
CREATE INDEX operator_assignment_by_team ON operator_assignment (team, last_contact_at);
