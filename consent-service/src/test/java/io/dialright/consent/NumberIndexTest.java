package io.dialright.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import io.dialright.consent.service.NumberIndex;
import io.dialright.platform.crypto.BlindIndex;
import io.dialright.platform.phone.InvalidPhoneNumberException;
import io.dialright.platform.phone.PhoneNumbers;
import org.junit.jupiter.api.Test;

/**
 * The bulk path of {@link NumberIndex} (decision batches, registry files) must read every input exactly as platform's
 * {@link PhoneNumbers} does, or one number could have two blind indexes. Checked on the example numbers of every
 * region and type, in several formats, with random changes that make many of them invalid.
 */
class NumberIndexTest {

    private final PhoneNumbers numbers = new PhoneNumbers("RU");
    private final NumberIndex index = new NumberIndex(numbers, new BlindIndex(new byte[32]));
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    @Test
    void theBulkPathAgreesWithPlatformParsingEverywhere() {
        Random random = new Random(42);
        List<String> inputs = new ArrayList<>();
        for (String region : util.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                Phonenumber.PhoneNumber example = util.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                String e164 = util.format(example, PhoneNumberFormat.E164);
                inputs.add(e164);
                inputs.add(util.format(example, PhoneNumberFormat.INTERNATIONAL));
                inputs.add("00" + e164.substring(1));
                for (int variant = 0; variant < 8; variant++) {
                    inputs.add(mutate(e164, random));
                }
            }
        }
        inputs.addAll(List.of("+7 800 555-35-35", "+7 8 916 123-45-67", "+44 (0) 20 7946 0018", "+39 06 1234 5678",
                "+7 916 123 45 67", "89161234567", "9161234567", "+1 (201) 555-0123", "+800 1234 5678"));

        int checked = 0;
        for (String input : inputs) {
            String expected;
            try {
                expected = numbers.parse(input).e164();
            } catch (InvalidPhoneNumberException e) {
                assertThatThrownBy(() -> index.e164(input)).as(input).isInstanceOf(InvalidPhoneNumberException.class)
                        .hasMessage(e.getMessage());
                continue;
            }
            assertThat(index.e164(input)).as(input).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isGreaterThan(2_000);
    }

    /** Changes up to three digits after the country code, so some results are valid and some are not. */
    private static String mutate(String e164, Random random) {
        char[] digits = e164.toCharArray();
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            int at = 2 + random.nextInt(digits.length - 2);
            digits[at] = (char) ('0' + random.nextInt(10));
        }
        return new String(digits);
    }
}
