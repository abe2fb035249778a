package io.dialright.consent.messaging;

import java.util.UUID;

/**
 * Payload of {@code SmsRequested} on {@code dialright.notifications.sms.v1} (key: the number's blind index), for an
 * SMS connector to send. The one payload with a plaintext number ({@code to}, E.164): the connector needs it.
 * {@code consentId} names the consent a code confirms; {@code privacyRequestId} the request a notice is about.
 */
public record SmsRequested(String to, String text, String purpose, UUID consentId, UUID privacyRequestId) {

    public static final String TYPE = "SmsRequested";
}
