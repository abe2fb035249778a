package io.dialright.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * What people, forms and telephony platforms type into a phone field, good and bad, generated from a seed so that a
 * failing string is produced again by the same seed: valid numbers of many regions in every format, the Russian
 * "8 (916) …" habits, too short and too long, letters, digits of other scripts, emoji, bidirectional marks, NUL and
 * control characters, extensions, '*' and '#', metacharacters of SQL, JSON and HTML, whitespace only and strings of
 * 10,000 characters. Every string is valid Unicode (no lone surrogates), so it survives JSON and URL encoding intact.
 */
final class PhoneStrings {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final List<String> REGIONS = List.of("RU", "KZ", "BY", "UA", "DE", "FR", "GB", "US", "CA", "IT",
            "ES", "NL", "PL", "TR", "IL", "AE", "SA", "EG", "IN", "CN", "JP", "KR", "BR", "MX", "AR", "AU", "NZ",
            "ZA", "NG", "EE", "SG", "HK", "CH", "AT", "SE", "FI", "IR", "PK", "TH", "VN", "ID", "UZ", "GE", "AM");
    private static final List<PhoneNumberType> TYPES = List.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE,
            PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.VOIP);
    /** The zeros of other digit sets: Arabic-Indic, Extended Arabic-Indic, Devanagari, Bengali, Thai, fullwidth. */
    private static final int[] FOREIGN_ZEROS = {0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0xFF10};
    private static final List<String> ODD_CHARACTERS = List.of("\u200F", "\u200E", "\u202E", "\u202D", "\u2066",
            "\u2069", "\u200B", "\u200D", "\uFEFF", "\u00A0", "\u2009", "\u2013", "\u2014", "\uFF0B", "\u2212",
            "\uFF08", "\uFF09", "\u3000", "\u0000", "\t", "\n", "\r", "\u001B", "\u007F", "\u0085", "\u2028",
            "\u0301", "\uFFFD", "\uD83D\uDCDE", "\uD83D\uDE00", "\uD83C\uDDF7\uD83C\uDDFA",
            "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\u0417", "\u041E", "l", "O");
    private static final List<String> METACHARACTERS = List.of("' OR '1'='1", "'; DROP TABLE contact; --",
            "\" OR \"\"=\"", "\"}", "{\"$gt\": \"\"}", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
            "${jndi:ldap://example.invalid/a}", "#{7*7}", "{{7*7}}", "%00", "%2B7916", "%s%s%n", "../../etc/passwd",
            "\\u0000", "\\", "\\\\\"", "`id`", "$(id)", "NaN", "null", "undefined", "true", "-1", "0x7FFFFFFF",
            "1e999", "[]", "{}", "*/", "/*", "--", ";", "&", "?phone=1", "#fragment", "/", "..", ".", "~", "|");
    private static final List<String> EXTENSIONS = List.of(" ext. 123", " ext 1", ";ext=123", " x123", " #123",
            " доб. 45", ",123", ";123", " extension 9", "p123", "w456", ";isub=12", ";phone-context=+7");

    private final Random random;

    private PhoneStrings(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} strings, the same for the same seed. */
    static List<String> generate(long seed, int count) {
        PhoneStrings strings = new PhoneStrings(seed);
        List<Function<PhoneStrings, String>> kinds = List.of(
                PhoneStrings::validInAnyFormat, PhoneStrings::validInAnyFormat, PhoneStrings::validInAnyFormat,
                PhoneStrings::russianHabit, PhoneStrings::russianHabit, PhoneStrings::digitsOfAnyLength,
                PhoneStrings::withLetters, PhoneStrings::foreignDigits, PhoneStrings::withOddCharacters,
                PhoneStrings::withOddCharacters, PhoneStrings::withExtension, PhoneStrings::withStarsAndHashes,
                PhoneStrings::internationalPrefix, PhoneStrings::metacharacters, PhoneStrings::whitespaceAndSigns,
                PhoneStrings::justTooLong, PhoneStrings::huge);
        List<String> generated = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            generated.add(kinds.get(strings.random.nextInt(kinds.size())).apply(strings));
        }
        return generated;
    }

    private String validInAnyFormat() {
        Phonenumber.PhoneNumber number = exampleNumber();
        return switch (random.nextInt(7)) {
            case 0 -> UTIL.format(number, PhoneNumberFormat.E164);
            case 1 -> UTIL.format(number, PhoneNumberFormat.INTERNATIONAL);
            case 2 -> UTIL.format(number, PhoneNumberFormat.NATIONAL);
            case 3 -> UTIL.format(number, PhoneNumberFormat.RFC3966);
            case 4 -> "00" + UTIL.format(number, PhoneNumberFormat.E164).substring(1);
            case 5 -> UTIL.formatOutOfCountryCallingNumber(number, pick(REGIONS));
            default -> " " + UTIL.format(number, PhoneNumberFormat.INTERNATIONAL).replace(' ', '.') + " ";
        };
    }

    /** An example number of a random region and type, its last digits changed (often still valid). */
    private Phonenumber.PhoneNumber exampleNumber() {
        Phonenumber.PhoneNumber example = null;
        while (example == null) {
            example = UTIL.getExampleNumberForType(pick(REGIONS), pick(TYPES));
        }
        long national = example.getNationalNumber();
        long changed = national - national % 100 + random.nextInt(100);
        return new Phonenumber.PhoneNumber().setCountryCode(example.getCountryCode()).setNationalNumber(changed);
    }

    private String russianHabit() {
        String area = "9" + digits(2);
        String rest = digits(7);
        String body = switch (random.nextInt(6)) {
            case 0 -> " (" + area + ") " + rest.substring(0, 3) + "-" + rest.substring(3, 5) + "-" + rest.substring(5);
            case 1 -> "-" + area + "-" + rest.substring(0, 3) + "-" + rest.substring(3);
            case 2 -> area + rest;
            case 3 -> " " + area + " " + rest.substring(0, 3) + " " + rest.substring(3, 5) + " " + rest.substring(5);
            case 4 -> "(" + area + ")" + rest;
            default -> " (" + area + ") " + rest.substring(0, random.nextInt(7));
        };
        return pick(List.of("8", "+7", "7", "+8", "8 8", "")) + body;
    }

    private String digitsOfAnyLength() {
        return (random.nextBoolean() ? "+" : "") + digits(random.nextInt(31));
    }

    private String withLetters() {
        return switch (random.nextInt(4)) {
            case 0 -> "1-800-" + letters(7);
            case 1 -> "+7 916 " + letters(3) + "-45-67";
            case 2 -> letters(1 + random.nextInt(20));
            default -> insert(validInAnyFormat(), letters(1));
        };
    }

    private String foreignDigits() {
        int zero = FOREIGN_ZEROS[random.nextInt(FOREIGN_ZEROS.length)];
        StringBuilder converted = new StringBuilder();
        String valid = validInAnyFormat();
        boolean mixed = random.nextBoolean();
        for (char c : valid.toCharArray()) {
            boolean convert = c >= '0' && c <= '9' && (!mixed || random.nextBoolean());
            converted.appendCodePoint(convert ? zero + (c - '0') : c);
        }
        return converted.toString();
    }

    private String withOddCharacters() {
        String text = validInAnyFormat();
        int insertions = 1 + random.nextInt(3);
        for (int i = 0; i < insertions; i++) {
            text = insert(text, pick(ODD_CHARACTERS));
        }
        return text;
    }

    private String withExtension() {
        return validInAnyFormat() + pick(EXTENSIONS);
    }

    private String withStarsAndHashes() {
        return switch (random.nextInt(5)) {
            case 0 -> "*" + digits(3) + "#";
            case 1 -> "#31#" + UTIL.format(exampleNumber(), PhoneNumberFormat.E164);
            case 2 -> insert(validInAnyFormat(), random.nextBoolean() ? "*" : "#");
            case 3 -> "**21*" + digits(11) + "#";
            default -> "*".repeat(1 + random.nextInt(12));
        };
    }

    private String internationalPrefix() {
        return switch (random.nextInt(6)) {
            case 0 -> "00";
            case 1 -> "000" + digits(random.nextInt(14));
            case 2 -> "00 " + UTIL.format(exampleNumber(), PhoneNumberFormat.INTERNATIONAL).substring(1);
            case 3 -> "+00" + digits(10);
            case 4 -> "+" + pick(List.of("0", "999", "800", "883", "979", "1", "7", "44")) + digits(random.nextInt(12));
            default -> "0011" + digits(11);
        };
    }

    private String metacharacters() {
        String meta = pick(METACHARACTERS);
        return switch (random.nextInt(3)) {
            case 0 -> meta;
            case 1 -> validInAnyFormat() + meta;
            default -> insert(validInAnyFormat(), meta);
        };
    }

    private String whitespaceAndSigns() {
        return pick(List.of("", " ", "   ", "\t", "\n", "\u00A0", "\u3000", "+", "++", "+ ", " + ", "+-", "-", "()",
                "( )", "+()", "+7", "+1", "8", "0", "+0", " ".repeat(1 + random.nextInt(100)),
                "\u2003".repeat(1 + random.nextInt(10)), "-".repeat(1 + random.nextInt(30)), ".", "+.", "/"));
    }

    /** Around the limits the services check: 40 characters of a phone input, 64 of a stored field. */
    private String justTooLong() {
        String valid = UTIL.format(exampleNumber(), PhoneNumberFormat.INTERNATIONAL);
        int length = pick(List.of(39, 40, 41, 63, 64, 65, 100, 257));
        StringBuilder padded = new StringBuilder(valid);
        while (padded.length() < length) {
            padded.append(random.nextBoolean() ? ' ' : (char) ('0' + random.nextInt(10)));
        }
        return padded.substring(0, length);
    }

    private String huge() {
        String unit = pick(List.of("9", "+7 916 ", " ", "\u0661", "\uD83D\uDCDE", "a", "\u0000", "("));
        StringBuilder text = new StringBuilder();
        while (text.length() < 10_000) {
            text.append(unit);
        }
        return text.toString();
    }

    private String insert(String text, String addition) {
        int at = random.nextInt(text.length() + 1);
        // Never between the halves of a surrogate pair: the result stays valid Unicode.
        if (at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at))) {
            at--;
        }
        return text.substring(0, at) + addition + text.substring(at);
    }

    private String digits(int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    private String letters(int count) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzАБВГДЕЖЗабвгдежзαβγ";
        StringBuilder letters = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            letters.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return letters.toString();
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
