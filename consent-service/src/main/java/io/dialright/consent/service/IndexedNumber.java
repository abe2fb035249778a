package io.dialright.consent.service;

import io.dialright.platform.phone.PhoneNumberKind;

/**
 * A number as this service handles it: the blind index finds rows, the masked form is shown, and the E.164 is held
 * only in memory for as long as a request needs it (an SMS to send). {@link #toString()} is masked.
 */
public record IndexedNumber(String e164, String phoneHash, String masked, PhoneNumberKind kind) {

    /** Whether an SMS can reach the number. */
    public boolean textable() {
        return kind == PhoneNumberKind.MOBILE || kind == PhoneNumberKind.FIXED_LINE_OR_MOBILE;
    }

    @Override
    public String toString() {
        return masked;
    }
}
