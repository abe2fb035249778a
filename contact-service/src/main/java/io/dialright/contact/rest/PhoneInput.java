package io.dialright.contact.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A number as a person typed it, in any common format, with an optional label ("work") and comment. */
public record PhoneInput(@NotBlank @Size(max = 64) String number, @Size(max = 50) String label,
                         @Size(max = 500) String comment) {
}
