package io.dialright.consent.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.Phonemetadata;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
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
    private static final Pattern SEPARATORS = Pattern.compile("[()\\-./\\s\\u00A0]");
    private static final String UNKNOWN_REGION = "ZZ";
    /** Below this many numbers a batch is parsed on the calling thread. */
    private static final int PARALLEL_FROM = 2_000;

    private final PhoneNumbers numbers;
    private final BlindIndex blindIndex;
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final Map<String, Pattern> nationalPrefixes = new ConcurrentHashMap<>();

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
        if (input != null && plainInternational(input)) {
            String international = international(input);
            if (international != null) {
                return international;
            }
        }
        if (input != null) {
            String text = input.strip();
            if (text.length() <= MAX_INPUT_LENGTH && ALLOWED.matcher(text).matches()) {
                if (text.startsWith("00")) {
                    text = "+" + text.substring(2);
                }
                String international = international(text);
                if (international != null) {
                    return international;
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

    /** {@code +} and digits only, as E.164 numbers from other services arrive: no pattern matching needed. */
    private static boolean plainInternational(String input) {
        int length = input.length();
        if (length < 8 || length > 16 || input.charAt(0) != '+') {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = input.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The shortcut for numbers typed with their country code ({@code +7 916 123-45-67}, which is how dialers and
     * contact-service hold them): libphonenumber's {@code parse} costs three times its validity check, so the number
     * is assembled directly and checked. It is taken only where {@code parse} would read the digits the same way —
     * no leading zero, no national prefix that {@code parse} might strip — and otherwise {@code null} sends the
     * number down the full path.
     */
    private String international(String text) {
        if (text.charAt(0) != '+') {
            return null;
        }
        String digits = plainInternational(text) ? text.substring(1)
                : SEPARATORS.matcher(text.substring(1)).replaceAll("");
        if (digits.length() < 7 || digits.length() > 15 || digits.charAt(0) == '0'
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        for (int length = 1; length <= 3; length++) {
            int countryCode = Integer.parseInt(digits.substring(0, length));
            String region = util.getRegionCodeForCountryCode(countryCode);
            if (PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY.equals(region)) {
                return null;
            }
            if (!UNKNOWN_REGION.equals(region)) {
                String national = digits.substring(length);
                if (national.isEmpty() || national.charAt(0) == '0' || nationalPrefix(region).matcher(national)
                        .lookingAt()) {
                    return null;
                }
                Phonenumber.PhoneNumber number = new Phonenumber.PhoneNumber()
                        .setCountryCode(countryCode).setNationalNumber(Long.parseLong(national));
                return util.isValidNumber(number) ? "+" + digits : null;
            }
        }
        return null;
    }

    /** What {@code parse} would try to strip as a national prefix in the region; never matches when there is none. */
    private Pattern nationalPrefix(String region) {
        return nationalPrefixes.computeIfAbsent(region, key -> {
            Phonemetadata.PhoneMetadata metadata = DefaultMetadataDependenciesProvider.getInstance()
                    .getPhoneNumberMetadataSource().getMetadataForRegion(key);
            String prefix = metadata == null ? "" : metadata.getNationalPrefixForParsing();
            return Pattern.compile(prefix.isEmpty() ? "(?!)" : prefix);
        });
    }
}
