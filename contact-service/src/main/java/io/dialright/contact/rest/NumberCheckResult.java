package io.dialright.contact.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dialright.platform.phone.PhoneNumber;
import io.dialright.platform.phone.PhoneNumberKind;

/** A valid number as Dialright stores it; {@code e164} is left out for roles that see only masked numbers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NumberCheckResult(String e164, String masked, PhoneNumberKind type, String region,
                                List<String> timeZones) {

    static NumberCheckResult of(PhoneNumber number, boolean fullNumberVisible) {
        return new NumberCheckResult(fullNumberVisible ? number.e164() : null, number.masked(), number.type(),
                number.region(), number.timeZones());
    }
}
