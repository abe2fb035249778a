package io.dialright.platform.phone;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * Parses phone numbers typed in any common format ({@code 8 (916) 123-45-67}, {@code +7 916 123 45 67},
 * {@code 9161234567}, {@code 00 49 30 …}) into a {@link PhoneNumber}. Numbers without a country code are read in the
 * default region. Anything that libphonenumber does not consider a valid number of its region is rejected with a
 * message that says what to type.
 */
public final class PhoneNumbers {

    /** Digits and the separators people type; letters (vanity numbers) and extensions are not accepted. */
    private static final Pattern ALLOWED = Pattern.compile("\\+?[0-9()\\-./\\s\\u00A0]+");
    private static final int MAX_INPUT_LENGTH = 40;
    private static final String NO_SUCH_CODE = "No such area or operator code.";
    private static final String UNKNOWN_ZONE = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final PhoneNumberToTimeZonesMapper zones = PhoneNumberToTimeZonesMapper.getInstance();
    private final String defaultRegion;
    private final Map<String, String> expectedFormats = new ConcurrentHashMap<>();
    private final Map<Integer, List<String>> countryZones = new ConcurrentHashMap<>();

    public PhoneNumbers(String defaultRegion) {
        String region = defaultRegion.toUpperCase(Locale.ROOT);
        if (!util.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("Unknown default phone region: " + defaultRegion);
        }
        this.defaultRegion = region;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** Whether libphonenumber knows the ISO region (upper case), e.g. {@code RU}, {@code DE}. */
    public boolean supportsRegion(String region) {
        return util.getSupportedRegions().contains(region);
    }

    /** Parses in the default region. */
    public PhoneNumber parse(String input) {
        return parse(input, defaultRegion);
    }

    /**
     * Parses a number; {@code region} applies when the input has no country code.
     *
     * @throws InvalidPhoneNumberException with a message for the person who typed it
     */
    public PhoneNumber parse(String input, String region) {
        Valid valid = validate(input, region);
        Phonenumber.PhoneNumber number = valid.number();
        return new PhoneNumber(
                util.format(number, PhoneNumberFormat.E164),
                PhoneNumberKind.of(valid.type()),
                util.getRegionCodeForNumber(number),
                timeZones(number, valid.type()),
                mask(util.format(number, PhoneNumberFormat.INTERNATIONAL)));
    }

    /**
     * Only the E.164 of a number (default region), checked as {@link #parse(String)} checks it, for a caller that
     * looks a number up rather than stores it: without its region, time zones and masked form, about half of the
     * work.
     *
     * @throws InvalidPhoneNumberException with a message for the person who typed it
     */
    public String e164(String input) {
        return util.format(validate(input, defaultRegion).number(), PhoneNumberFormat.E164);
    }

    /** A number libphonenumber considers valid, with its type (never {@code UNKNOWN}). */
    private record Valid(Phonenumber.PhoneNumber number, PhoneNumberType type) {
    }

    private Valid validate(String input, String region) {
        String home = region == null ? defaultRegion : region.toUpperCase(Locale.ROOT);
        if (input == null || input.isBlank()) {
            throw invalid("Enter a phone number.", home);
        }
        String text = input.strip();
        if (text.length() > MAX_INPUT_LENGTH || !ALLOWED.matcher(text).matches()) {
            throw invalid("A phone number may contain only digits, spaces, brackets, dashes and a leading +.", home);
        }
        if (text.startsWith("00")) {
            text = "+" + text.substring(2);
        }
        boolean international = text.startsWith("+");
        Phonenumber.PhoneNumber number;
        try {
            number = util.parse(text, home);
        } catch (NumberParseException e) {
            boolean misleading = !international
                    && e.getErrorType() == NumberParseException.ErrorType.INVALID_COUNTRY_CODE;
            throw invalid(misleading ? NO_SUCH_CODE : reason(e.getErrorType()), home);
        }
        // The type is UNKNOWN exactly when isValidNumber is false (both match the number against its region's
        // patterns); asking once spares the second of the costliest steps of an import's row.
        PhoneNumberType type = util.getNumberType(number);
        if (type == PhoneNumberType.UNKNOWN) {
            String numberRegion = util.getRegionCodeForNumber(number);
            String exampleRegion = numberRegion != null ? numberRegion
                    : international ? util.getRegionCodeForCountryCode(number.getCountryCode()) : home;
            ValidationResult result = util.isPossibleNumberWithReason(number);
            // Without a "+" the person typed no country code, so "country code not recognised" would mislead.
            boolean misleading = !international && result == ValidationResult.INVALID_COUNTRY_CODE;
            throw invalid(misleading ? NO_SUCH_CODE : reason(result), exampleRegion);
        }
        return new Valid(number, type);
    }

    /** The expected format of a region with its example number, e.g. {@code +7 912 345-67-89 or 8 (912) 345-67-89}. */
    public String expectedFormat(String region) {
        // Kept per region libphonenumber knows (a bounded set; a region from a request may be anything). A tenth of
        // a messy import's rows are invalid, and formatting the example cost each of them 19 of its 30 µs, nearly
        // what parsing and checking a valid number costs (22 µs).
        return util.getSupportedRegions().contains(region)
                ? expectedFormats.computeIfAbsent(region, this::describeExpectedFormat)
                : describeExpectedFormat(region);
    }

    private String describeExpectedFormat(String region) {
        Phonenumber.PhoneNumber example = util.getExampleNumberForType(region, PhoneNumberType.MOBILE);
        if (example == null) {
            example = util.getExampleNumber(region);
        }
        if (example == null) {
            return "+ followed by the country code and the number";
        }
        return util.format(example, PhoneNumberFormat.INTERNATIONAL) + " or "
                + util.format(example, PhoneNumberFormat.NATIONAL);
    }

    /**
     * The number's time zones. {@code getTimeZonesForNumber} works out the number's type again (for a number of a
     * region shared by a calling code, such as Russia's, that is matching it against the region's patterns twice
     * more) only to choose between the zones of its prefix and those of its country. The type is known here: a
     * geographical number goes straight to its prefix's zones, and a non-geographical one (a Russian mobile, a
     * toll-free number) has its country's zones, which depend on the calling code alone and are kept per code (a
     * bounded set: about 250 codes exist).
     */
    private List<String> timeZones(Phonenumber.PhoneNumber number, PhoneNumberType type) {
        if (util.isNumberGeographical(type, number.getCountryCode())) {
            return known(zones.getTimeZonesForGeographicalNumber(number));
        }
        return countryZones.computeIfAbsent(number.getCountryCode(),
                code -> known(zones.getTimeZonesForNumber(number)));
    }

    private static List<String> known(List<String> zones) {
        return zones.stream().filter(zone -> !UNKNOWN_ZONE.equals(zone)).toList();
    }

    /**
     * Masks the middle of a number: {@code +7 916 123-45-67} becomes {@code +7 (916) ***-**-67}. At most three
     * leading digits of the national number and the last two stay visible, and never more than half of it, so a
     * short number (Estonia, Singapore: 8 digits) is not given away either.
     */
    static String mask(String international) {
        int afterCountryCode = international.indexOf(' ');
        if (afterCountryCode < 0) {
            return maskDigits(international, 0);
        }
        String countryCode = international.substring(0, afterCountryCode);
        String rest = international.substring(afterCountryCode + 1);
        int endOfArea = indexOfSeparator(rest);
        int areaDigits = endOfArea < 0 ? 0 : digits(rest.substring(0, endOfArea));
        int nationalDigits = digits(rest);
        int hiddenAtLeast = (nationalDigits + 1) / 2;
        int leading = Math.max(0, Math.min(Math.min(areaDigits, 3), nationalDigits - 2 - hiddenAtLeast));
        String masked = maskDigits(rest, leading);
        if (endOfArea < 0) {
            return countryCode + " " + masked;
        }
        return countryCode + " (" + masked.substring(0, endOfArea) + ") " + masked.substring(endOfArea + 1);
    }

    private static int indexOfSeparator(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '-') {
                return i;
            }
        }
        return -1;
    }

    private static int digits(String text) {
        return (int) text.chars().filter(Character::isDigit).count();
    }

    /** Replaces every digit by {@code *} except the first {@code leading} and the last two. */
    private static String maskDigits(String text, int leading) {
        int total = digits(text);
        StringBuilder masked = new StringBuilder(text.length());
        int index = 0;
        for (char c : text.toCharArray()) {
            if (Character.isDigit(c)) {
                masked.append(index < leading || index >= total - 2 ? c : '*');
                index++;
            } else {
                masked.append(c);
            }
        }
        return masked.toString();
    }

    private InvalidPhoneNumberException invalid(String problem, String region) {
        return new InvalidPhoneNumberException(problem + " Enter the number in the format " + expectedFormat(region)
                + ".");
    }

    private static String reason(NumberParseException.ErrorType type) {
        return switch (type) {
            case INVALID_COUNTRY_CODE -> "The country code is not recognised.";
            case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> "The number is too short.";
            case TOO_LONG -> "The number is too long.";
            case NOT_A_NUMBER -> "This is not a phone number.";
        };
    }

    private static String reason(ValidationResult result) {
        return switch (result) {
            case TOO_SHORT -> "The number is too short.";
            case TOO_LONG -> "The number is too long.";
            case INVALID_LENGTH -> "The number has the wrong length for its country.";
            case INVALID_COUNTRY_CODE -> "The country code is not recognised.";
            case IS_POSSIBLE, IS_POSSIBLE_LOCAL_ONLY -> NO_SUCH_CODE;
        };
    }
}
