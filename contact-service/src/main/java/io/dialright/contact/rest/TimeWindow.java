package io.dialright.contact.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The customer's preferred time to call, {@code HH:mm} in their own time zone. */
public record TimeWindow(@NotNull @Pattern(regexp = HH_MM, message = "must be a time HH:mm, e.g. 18:30") String from,
                         @NotNull @Pattern(regexp = HH_MM, message = "must be a time HH:mm, e.g. 18:30") String to) {

    static final String HH_MM = "([01][0-9]|2[0-3]):[0-5][0-9]";
}
