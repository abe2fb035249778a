package io.dialright.contact.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.dialright.contact.rest.PhoneInput;
import io.dialright.platform.phone.InvalidPhoneNumberException;
import io.dialright.platform.phone.PhoneNumber;
import io.dialright.platform.phone.PhoneNumbers;
import io.dialright.platform.problem.ProblemException;

/**
 * Turns the numbers of a request into validated E.164 numbers (C-1), naming the field of the first wrong one so
 * the form can point at it; the same number twice in one request is a mistake too.
 */
@ApplicationScoped
public class NumberInputs {

    /** A validated input number with its label and comment. */
    public record ParsedPhone(PhoneNumber number, String label, String comment) {
    }

    private final PhoneNumbers numbers;

    public NumberInputs(PhoneNumbers numbers) {
        this.numbers = numbers;
    }

    public List<ParsedPhone> parse(List<PhoneInput> inputs) {
        List<ParsedPhone> parsed = new ArrayList<>(inputs.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            PhoneInput input = inputs.get(i);
            String field = "phones[" + i + "].number";
            PhoneNumber number = parseOne(input.number(), field);
            Integer earlier = seen.putIfAbsent(number.e164(), i);
            if (earlier != null) {
                throw ProblemException.invalidField(field, "This is the same number as phones[" + earlier
                        + "]; list each number once.");
            }
            parsed.add(new ParsedPhone(number, blankToNull(input.label()), blankToNull(input.comment())));
        }
        return parsed;
    }

    public PhoneNumber parseOne(String input, String field) {
        try {
            return numbers.parse(input);
        } catch (InvalidPhoneNumberException e) {
            throw ProblemException.invalidField(field, e.getMessage());
        }
    }

    /** Only the E.164 of an input number, for finding it rather than storing it (lookups, searches). */
    public String e164Of(String input, String field) {
        try {
            return numbers.e164(input);
        } catch (InvalidPhoneNumberException e) {
            throw ProblemException.invalidField(field, e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
