package io.dialright.contact.exports;

import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import io.dialright.platform.crypto.BlindIndex;

/**
 * Replaces a number with a valid but fictitious one of the same country and type (C-9 pseudonymised export): the
 * region's example number from libphonenumber with its last digits drawn from a keyed hash of the real number. The
 * same real number always gives the same replacement, so records that shared a number still do; without the key
 * the real number cannot be recovered from it. Where a country reserves ranges for fiction the example usually lies
 * in them; elsewhere the result is a valid number that is merely very unlikely to be anyone's.
 */
@ApplicationScoped
public class FictitiousNumbers {

    private static final int VARIED_DIGITS = 4;
    private static final int ATTEMPTS = 50;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final BlindIndex keyedHash;

    public FictitiousNumbers(BlindIndex keyedHash) {
        this.keyedHash = keyedHash;
    }

    /** The stand-in for {@code e164}, in E.164. */
    public String replace(String e164) {
        Phonenumber.PhoneNumber real = parse(e164);
        String region = util.getRegionCodeForNumber(real);
        PhoneNumberType type = util.getNumberType(real);
        Phonenumber.PhoneNumber example = region == null ? null : util.getExampleNumberForType(region, type);
        if (example == null) {
            example = region == null ? util.getExampleNumberForNonGeoEntity(real.getCountryCode())
                    : util.getExampleNumber(region);
        }
        if (example == null) {
            throw new IllegalStateException("libphonenumber has no example number for country code "
                    + real.getCountryCode());
        }
        String national = util.getNationalSignificantNumber(example);
        int varied = Math.min(VARIED_DIGITS, national.length() - 2);
        byte[] seed = HexFormat.of().parseHex(keyedHash.of("fictitious:" + e164));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            StringBuilder digits = new StringBuilder(national.substring(0, national.length() - varied));
            for (int i = 0; i < varied; i++) {
                digits.append(Math.floorMod(seed[(attempt * varied + i) % seed.length] + attempt, 10));
            }
            Phonenumber.PhoneNumber candidate = parse("+" + real.getCountryCode() + digits);
            if (util.isValidNumber(candidate) && util.getNumberType(candidate) == type
                    && !util.format(candidate, PhoneNumberFormat.E164).equals(e164)) {
                return util.format(candidate, PhoneNumberFormat.E164);
            }
        }
        return util.format(example, PhoneNumberFormat.E164);
    }

    private Phonenumber.PhoneNumber parse(String e164) {
        try {
            return util.parse(e164, null);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("Not an E.164 number", e);
        }
    }
}
