package io.dialright.contact.exports;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import io.dialright.platform.crypto.BlindIndex;

/**
 * Replaces a number with a stand-in for a pseudonymised export (C-9): a valid number of the same country, type and
 * range, one per real number. The real number's first digits (its operator or area code) are kept; the others are
 * put through a keyed permutation of all numbers of that length, applied again until the result is a valid number of
 * the same type ("cycle walking", which keeps a permutation a permutation on the valid numbers). So the same real
 * number always gives the same stand-in, and records that shared a number still do; two different numbers never get
 * the same stand-in, so no relation is invented; and without the key the real number cannot be recovered from it.
 * The stand-in lies in a real range: it is a valid number, not one known to be nobody's.
 */
@ApplicationScoped
public class FictitiousNumbers {

    /** Digits of the national number kept as they are: the range (operator or area code) the stand-in lies in. */
    private static final int KEPT_DIGITS = 3;
    /** At least this many are permuted, where the national number is long enough. */
    private static final int MIN_PERMUTED_DIGITS = 4;
    private static final int ROUNDS = 10;
    /** Valid numbers are dense in a real range: a walk this long means there are nearly none around. */
    private static final int MAX_WALK = 10_000;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final BlindIndex keyedHash;

    public FictitiousNumbers(BlindIndex keyedHash) {
        this.keyedHash = keyedHash;
    }

    /** The stand-in for {@code e164}, in E.164. */
    public String replace(String e164) {
        Phonenumber.PhoneNumber real = parse(e164);
        PhoneNumberType type = util.getNumberType(real);
        String national = util.getNationalSignificantNumber(real);
        int kept = Math.max(1, Math.min(KEPT_DIGITS, national.length() - MIN_PERMUTED_DIGITS));
        String range = "+" + real.getCountryCode() + national.substring(0, kept);
        int width = national.length() - kept;
        long digits = Long.parseLong(national.substring(kept));
        for (int step = 0; step < MAX_WALK; step++) {
            digits = permute(range, width, digits);
            String candidate = range + pad(digits, width);
            if (candidate.equals(e164)) {
                break; // back at the start: no other valid number of the type in the range
            }
            Phonenumber.PhoneNumber number = parse(candidate);
            if (util.isValidNumber(number) && util.getNumberType(number) == type) {
                return util.format(number, PhoneNumberFormat.E164);
            }
        }
        return exampleOf(real, type);
    }

    /** A range with (next to) no other valid number: libphonenumber's example of the country and type, shared. */
    private String exampleOf(Phonenumber.PhoneNumber real, PhoneNumberType type) {
        String region = util.getRegionCodeForNumber(real);
        Phonenumber.PhoneNumber example = region == null ? util.getExampleNumberForNonGeoEntity(real.getCountryCode())
                : util.getExampleNumberForType(region, type);
        if (example == null) {
            throw new IllegalStateException("libphonenumber has no example number for country code "
                    + real.getCountryCode());
        }
        return util.format(example, PhoneNumberFormat.E164);
    }

    /**
     * A keyed permutation of the numbers of {@code width} digits, different for each range: a Feistel network on the
     * two halves of the digits, each round adding a keyed hash of one half to the other modulo its size.
     */
    private long permute(String range, int width, long value) {
        int lowWidth = width / 2;
        int highWidth = width - lowWidth;
        long lowSize = pow10(lowWidth);
        long highSize = pow10(highWidth);
        long high = value / lowSize;
        long low = value % lowSize;
        for (int round = 0; round < ROUNDS; round++) {
            if (round % 2 == 0) {
                high = Math.floorMod(high + roundValue(range, round, low), highSize);
            } else {
                low = Math.floorMod(low + roundValue(range, round, high), lowSize);
            }
        }
        return high * lowSize + low;
    }

    private long roundValue(String range, int round, long half) {
        // 60 bits of the keyed hash: far more than any half's size, so the remainder taken of it is nearly uniform.
        return Long.parseLong(keyedHash.of("fictitious:" + range + ":" + round + ":" + half).substring(0, 15), 16);
    }

    private static long pow10(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }

    private static String pad(long digits, int width) {
        String text = Long.toString(digits);
        return "0".repeat(width - text.length()) + text;
    }

    private Phonenumber.PhoneNumber parse(String e164) {
        try {
            return util.parse(e164, null);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("Not an E.164 number", e);
        }
    }
}
