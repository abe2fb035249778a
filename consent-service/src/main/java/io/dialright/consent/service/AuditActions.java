package io.dialright.consent.service;

/**
 * The actions consent-service reports to the audit trail as {@code AccessRecorded}. Each carries the number's blind
 * index (never the number) and non-personal details such as ids, statuses and counts.
 */
public final class AuditActions {

    /** A consent was granted, confirmed, revoked, superseded or moved to another contact. */
    public static final String CONSENT_CHANGE = "CONSENT_CHANGE";
    /** A number was put on the stop list. */
    public static final String OPT_OUT = "OPT_OUT";
    /** A supervisor took a number off the stop list. */
    public static final String STOP_LIST_REMOVAL = "STOP_LIST_REMOVAL";
    /** Someone asked whether a number may be called. */
    public static final String DECISION = "DECISION";
    /** A dialer asked about many numbers at once (one entry per batch, with counts). */
    public static final String DECISION_BATCH = "DECISION_BATCH";
    /** A national registry import started, completed or failed. */
    public static final String REGISTRY_IMPORT = "REGISTRY_IMPORT";
    /** A privacy request was received or completed. */
    public static final String PRIVACY_REQUEST = "PRIVACY_REQUEST";
    /** Consent records or a privacy request of a number were read. */
    public static final String VIEW = "VIEW";
    /** A consent or contact outside the caller's assignment or team was asked for (answered 404). */
    public static final String DENIED = "DENIED";

    private AuditActions() {
    }
}
