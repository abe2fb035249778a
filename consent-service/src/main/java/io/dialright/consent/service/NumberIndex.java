package io.dialright.consent.service;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.phone.InvalidPhoneNumberException;
import io.dialright.platform.phone.PhoneNumber;
import io.dialright.platform.phone.PhoneNumbers;
import io.dialright.platform.problem.Problem;
import io.dialright.platform.problem.ProblemException;

/**
 * Turns numbers typed in any format into their blind index. Single numbers go through platform's
 * {@link PhoneNumbers} (masked form, type, messages). Bulk work (decision batches, registry files) takes a faster
 * path that validates exactly as {@link PhoneNumbers} does but skips the masking and time-zone lookups it does not
 * need; a number the fast path refuses is handed to {@link PhoneNumbers} for the verdict and its message.
 */
@ApplicationScoped
public class NumberIndex {

    /** The same input rules as {@link PhoneNumbers}: digits and the separators people type, at most 40 characters. */
    private static final Pattern ALLOWED = Pattern.compile("\\+?[0-9()\\-./\\s\\u00A0]+");
    private static final int MAX_INPUT_LENGTH = 40;
    /** Below this many numbers a batch is parsed on the calling thread. */
    private static final int PARALLEL_FROM = 2_000;

    private final PhoneNumbers numbers;
    private final BlindIndex blindIndex;
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    public NumberIndex(PhoneNumbers numbers, BlindIndex blindIndex) {
        this.numbers = numbers;
        this.blindIndex = blindIndex;
    }

    /** @throws InvalidPhoneNumberException with a message that says what to type */
    public IndexedNumber of(String input) {
        PhoneNumber number = numbers.parse(input);
        return new IndexedNumber(number.e164(), blindIndex.of(number.e164()), number.masked(), number.type());
    }

    /** The blind index of a number already in E.164 (events of other services carry hashes, tests E.164). */
    public String hashOfE164(String e164) {
        return blindIndex.of(e164);
    }

    /**
     * Blind indexes of many numbers, in input order, or a 400 naming every invalid one as {@code <field>[i]}.
     */
    public String[] hashAll(List<String> inputs, String field) {
        String[] hashes = new String[inputs.size()];
        String[] problems = new String[inputs.size()];
        IntStream indexes = IntStream.range(0, inputs.size());
        (inputs.size() >= PARALLEL_FROM ? indexes.parallel() : indexes).forEach(i -> {
            try {
                hashes[i] = blindIndex.of(e164(inputs.get(i)));
            } catch (InvalidPhoneNumberException e) {
                problems[i] = e.getMessage();
            }
        });
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < problems.length && errors.size() < 100; i++) {
            if (problems[i] != null) {
                errors.add(new Problem.FieldError(field + "[" + i + "]", problems[i]));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Invalid phone number", errors.size() == 1
                    ? "The number at " + errors.get(0).field() + " is not valid: " + errors.get(0).message()
                    : errors.size() + (errors.size() == 100 ? " or more" : "") + " numbers are not valid: see errors.",
                    errors);
        }
        return hashes;
    }

    /**
     * The E.164 form of a number in the default region, validated as {@link PhoneNumbers#parse} validates it.
     *
     * @throws InvalidPhoneNumberException as {@link PhoneNumbers#parse} would
     */
    public String e164(String input) {
        if (input != null) {
            String text = input.strip();
            if (text.length() <= MAX_INPUT_LENGTH && ALLOWED.matcher(text).matches()) {
                if (text.startsWith("00")) {
                    text = "+" + text.substring(2);
                }
                try {
                    Phonenumber.PhoneNumber number = util.parse(text, numbers.defaultRegion());
                    if (util.isValidNumber(number)) {
                        return util.format(number, PhoneNumberFormat.E164);
                    }
                } catch (NumberParseException e) {
                    // the platform's parser gives the verdict and the message below
                }
            }
        }
        return numbers.parse(input).e164();
    }
}
