package io.dialright.platform.events;

import java.util.List;
import java.util.Set;

import io.dialright.access.AccessTopic;

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

    /**
     * Revoked subjects ({@code SubjectRevoked}, key = subject). Compacted, so not in {@link #ALL}: access-list's
     * {@code AccessTopic} creates it, and the revocation feed of every service does so at start.
     */
    public static final String ACCESS = AccessTopic.NAME;

    /**
     * The topics whose messages may carry a plaintext phone number: telephony platforms send the number they dialled
     * or that called, an {@code SmsRequested} names its recipient. Nothing read from them is stored unmasked.
     */
    public static final Set<String> CARRYING_PLAINTEXT_NUMBERS = Set.of(TELEPHONY_CALL_EVENTS, SMS);

    /** The event streams, created with the broker's default cleanup policy by {@code TopicCreator}. */
    public static final List<String> ALL = List.of(
            CONTACTS, CONSENTS, DIALER, TELEPHONY_CALL_EVENTS, AUDIT, ALERTS, SMS, DEAD_LETTERS);

    private Topics() {
    }
}
