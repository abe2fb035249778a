package io.dialright.platform.events;

import java.util.List;

/** The Kafka topics of API.md. Producers, consumers and tests use these constants, never literals. */
public final class Topics {

    public static final String CONTACTS = "dialright.contacts.v1";
    public static final String CONSENTS = "dialright.consents.v1";
    public static final String DIALER = "dialright.dialer.v1";
    public static final String TELEPHONY_CALL_EVENTS = "dialright.telephony.call-events.v1";
    public static final String AUDIT = "dialright.audit.v1";
    public static final String ALERTS = "dialright.alerts.v1";
    public static final String SMS = "dialright.notifications.sms.v1";
    /** Messages a consumer could not process after its retries ({@code MessageParked} events). */
    public static final String DEAD_LETTERS = "dialright.dead-letters.v1";

    public static final List<String> ALL = List.of(
            CONTACTS, CONSENTS, DIALER, TELEPHONY_CALL_EVENTS, AUDIT, ALERTS, SMS, DEAD_LETTERS);

    private Topics() {
    }
}
