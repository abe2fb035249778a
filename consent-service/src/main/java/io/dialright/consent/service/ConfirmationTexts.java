package io.dialright.consent.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.dialright.consent.domain.Channel;
import io.dialright.consent.domain.ConsentTemplate;
import io.dialright.consent.domain.Purpose;

/** The SMS texts consent-service sends: they name the company, the purpose and how often it will contact. */
final class ConfirmationTexts {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy").withZone(ZoneOffset.UTC);

    private ConfirmationTexts() {
    }

    static String code(ConsentTemplate template, Purpose purpose, Channel channel, String code, Duration validity) {
        String frequency = template.frequency == null || template.frequency.isBlank() ? "as needed"
                : template.frequency;
        return template.companyName + ": code " + code + " confirms your consent to " + purpose.description()
                + " by " + channelWords(channel) + " (" + frequency + "). Valid " + validity.toMinutes()
                + " min. Do not share it. To revoke: " + template.revocation;
    }

    static String erasureReceived(String company, Instant dueBy) {
        return company + ": we received your request to erase your data. It will be done by " + DATE.format(dueBy)
                + "; we will not call you in the meantime.";
    }

    private static String channelWords(Channel channel) {
        return switch (channel) {
            case VOICE -> "phone calls";
            case SMS -> "SMS";
            case MESSENGER -> "messenger messages";
        };
    }
}
