package io.dialright.platform.phone;

import java.util.List;
import java.util.Objects;

/**
 * A validated phone number: E.164 plus what libphonenumber derives from it. Built only by {@link PhoneNumbers}, so
 * holding one means the number is valid. {@link #toString()} is masked: a number never reaches a log in full.
 *
 * @param e164      {@code +79161234567}
 * @param type      mobile, fixed line, …
 * @param region    ISO 3166 region of the number ({@code RU}); {@code 001} for non-geographic numbers
 * @param timeZones IANA zones the number may be in (several for Russian mobiles); empty when unknown
 * @param masked    {@code +7 (916) ***-**-67}
 */
public record PhoneNumber(String e164, PhoneNumberKind type, String region, List<String> timeZones, String masked) {

    public PhoneNumber {
        Objects.requireNonNull(e164, "e164");
        Objects.requireNonNull(type, "type");
        timeZones = List.copyOf(timeZones);
    }

    @Override
    public String toString() {
        return masked;
    }
}
