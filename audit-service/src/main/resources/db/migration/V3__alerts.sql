-- Alerts on suspicious behaviour (A-4): at most one per rule and person within the rule's window.
CREATE TABLE audit_alert (
    id                  uuid        PRIMARY KEY,
    rule                text        NOT NULL,
    actor_subject       text        NOT NULL,
    actor_team          text,
    window_seconds      bigint      NOT NULL,
    triggered_at_micros bigint      NOT NULL,
    triggered_by_seq    bigint      NOT NULL,
    observed            integer     NOT NULL,
    threshold           integer     NOT NULL,
    raised_at           timestamptz NOT NULL,
    detail              text        NOT NULL
);
CREATE INDEX audit_alert_by_rule_and_actor ON audit_alert (rule, actor_subject, triggered_at_micros);
CREATE INDEX audit_alert_by_time ON audit_alert (raised_at);
GRANT SELECT, INSERT ON audit_alert TO dialright_audit_writer;
