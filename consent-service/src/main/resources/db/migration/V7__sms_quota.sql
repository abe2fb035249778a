-- The SMS each client caused (double opt-in codes), one row per message, for the per-client quota over a rolling
-- 24 hours. Rows older than the window are deleted by the next send of the same client.
CREATE TABLE sms_sent (
    id      bigserial   PRIMARY KEY,
    client  text        NOT NULL,
    sent_at timestamptz NOT NULL
);
CREATE INDEX sms_sent_client_sent_at ON sms_sent (client, sent_at);
