package io.dialright.platform.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Example numbers of libphonenumber's metadata and fictitious ranges only: never a real customer's number. */
class PhoneNumbersTest {

    private static final Map<String, String> EXPECTED_FORMATS = Map.of(
            "RU", "+7 912 345-67-89 or 8 (912) 345-67-89",
            "US", "+1 201-555-0123 or (201) 555-0123",
            "GB", "+44 7400 123456 or 07400 123456",
            "FR", "+33 6 12 34 56 78 or 06 12 34 56 78");

    private final PhoneNumbers numbers = new PhoneNumbers("RU");

    @ParameterizedTest(name = "[{index}] {0} in {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            8 (912) 345-67-89   | RU | +79123456789  | MOBILE               | RU | +7 (912) ***-**-89
            +7 912 345 67 89    | RU | +79123456789  | MOBILE               | RU | +7 (912) ***-**-89
            9123456789          | RU | +79123456789  | MOBILE               | RU | +7 (912) ***-**-89
            89123456789         | RU | +79123456789  | MOBILE               | RU | +7 (912) ***-**-89
            +7(495)123-45-67    | RU | +74951234567  | FIXED_LINE           | RU | +7 (495) ***-**-67
            8 495 123 45 67     | RU | +74951234567  | FIXED_LINE           | RU | +7 (495) ***-**-67
            8-800-555-35-35     | RU | +78005553535  | TOLL_FREE            | RU | +7 (800) ***-**-35
            +7 771 000 9998     | RU | +77710009998  | MOBILE               | KZ | +7 (771) *** **98
            8 10 49 30 123456   | RU | +4930123456   | FIXED_LINE           | DE | +49 (30) ****56
            (201) 555-0123      | US | +12015550123  | FIXED_LINE_OR_MOBILE | US | +1 (201) ***-**23
            +1 201-555-0123     | RU | +12015550123  | FIXED_LINE_OR_MOBILE | US | +1 (201) ***-**23
            001 212 555 0199    | RU | +12125550199  | FIXED_LINE_OR_MOBILE | US | +1 (212) ***-**99
            +1 800 234 5678     | RU | +18002345678  | TOLL_FREE            | US | +1 (800) ***-**78
            030 123456          | DE | +4930123456   | FIXED_LINE           | DE | +49 (30) ****56
            +49 1512 3456789    | RU | +4915123456789 | MOBILE              | DE | +49 (151*) *****89
            0049 30 123456      | RU | +4930123456   | FIXED_LINE           | DE | +49 (30) ****56
            07400 123456        | GB | +447400123456 | MOBILE               | GB | +44 (740*) ****56
            +44 20 7946 0958    | RU | +442079460958 | FIXED_LINE           | GB | +44 (20) **** **58
            06 12 34 56 78      | FR | +33612345678  | MOBILE               | FR | +33 (6) ** ** ** 78
            +33 1 23 45 67 89   | RU | +33123456789  | FIXED_LINE           | FR | +33 (1) ** ** ** 89
            +91 81234 56789     | RU | +918123456789 | MOBILE               | IN | +91 (812**) ***89
            +55 11 96123-4567   | RU | +5511961234567 | MOBILE              | BR | +55 (11) *****-**67
            +372 5123 4567      | RU | +37251234567  | MOBILE               | EE | +372 (51**) **67
            +65 8123 4567       | RU | +6581234567   | MOBILE               | SG | +65 (81**) **67
            +852 5123 4567      | RU | +85251234567  | MOBILE               | HK | +852 (51**) **67
            """)
    void parsesCommonFormatsToE164(String input, String region, String e164, PhoneNumberKind type,
                                   String numberRegion, String masked) {
        PhoneNumber number = numbers.parse(input, region);

        assertThat(number.e164()).isEqualTo(e164);
        assertThat(new PhoneNumbers(region).e164(input)).as("the E.164 alone").isEqualTo(e164);
        assertThat(number.type()).isEqualTo(type);
        assertThat(number.region()).isEqualTo(numberRegion);
        assertThat(number.masked()).isEqualTo(masked);
        assertThat(number.toString()).isEqualTo(masked).doesNotContain(e164.substring(4));
        long visibleNational = masked.substring(masked.indexOf(' ')).chars().filter(Character::isDigit).count();
        assertThat(visibleNational).as("digits of the national number left visible")
                .isLessThanOrEqualTo((e164.length() - 1 - (masked.indexOf(' ') - 1)) / 2);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' in {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                     | RU | Enter a phone number.                                                             | RU
            abc                    | RU | A phone number may contain only digits, spaces, brackets, dashes and a leading +. | RU
            +7 912 345 67 8        | RU | The number is too short.                                                          | RU
            +7 912 345 67 890      | RU | The number has the wrong length for its country.                                  | RU
            8 (012) 345-67-89      | RU | No such area or operator code.                                                    | RU
            +999 123 456           | RU | The country code is not recognised.                                               | RU
            1-800-FLOWERS          | US | A phone number may contain only digits, spaces, brackets, dashes and a leading +. | US
            +7 912 345 67 89 ext 5 | RU | A phone number may contain only digits, spaces, brackets, dashes and a leading +. | RU
            ++79123456789          | RU | A phone number may contain only digits, spaces, brackets, dashes and a leading +. | RU
            12                     | RU | The number is too short.                                                          | RU
            (201) 555-012          | US | The number is too short.                                                          | US
            +44 7400 12345         | RU | No such area or operator code.                                                    | GB
            0000000000             | RU | The country code is not recognised.                                               | RU
            06 12 34 56            | FR | The number is too short.                                                          | FR
            """)
    void rejectsWithTheExpectedFormatOfTheRegion(String input, String region, String problem, String formatOf) {
        String message = problem + " Enter the number in the format " + EXPECTED_FORMATS.get(formatOf) + ".";
        assertThatThrownBy(() -> numbers.parse(input, region))
                .isInstanceOf(InvalidPhoneNumberException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> new PhoneNumbers(region).e164(input)).as("the E.164 alone")
                .isInstanceOf(InvalidPhoneNumberException.class)
                .hasMessage(message);
    }

    @Test
    void eachRegionKeepsItsOwnExampleWhenAskedAgainAndAnUnknownRegionGetsGeneralAdvice() {
        for (int round = 0; round < 2; round++) {
            EXPECTED_FORMATS.forEach((region, format) -> assertThat(numbers.expectedFormat(region)).isEqualTo(format));
        }
        assertThat(numbers.expectedFormat("XX")).isEqualTo("+ followed by the country code and the number");
        assertThat(numbers.expectedFormat("XX")).isEqualTo("+ followed by the country code and the number");
    }

    @Test
    void nullIsRejectedWithTheDefaultRegionsExample() {
        assertThatThrownBy(() -> numbers.parse(null))
                .isInstanceOf(InvalidPhoneNumberException.class)
                .hasMessageEndingWith("Enter the number in the format " + EXPECTED_FORMATS.get("RU") + ".");
    }

    @Test
    void overlongInputIsRejectedBeforeParsing() {
        assertThatThrownBy(() -> numbers.parse("9".repeat(41)))
                .isInstanceOf(InvalidPhoneNumberException.class)
                .hasMessageStartingWith("A phone number may contain only");
    }

    @Test
    void moscowLandlineHasOneTimeZone() {
        assertThat(numbers.parse("+7 495 123-45-67").timeZones()).containsExactly("Europe/Moscow");
    }

    @Test
    void russianMobileMapsToSeveralTimeZonesFromKaliningradSideToKamchatka() {
        List<String> zones = numbers.parse("+7 912 345-67-89").timeZones();

        assertThat(zones).hasSizeGreaterThan(5).contains("Europe/Moscow", "Asia/Yekaterinburg", "Asia/Kamchatka");
    }

    @Test
    void foreignNumbersGetTheirOwnZones() {
        assertThat(numbers.parse("+1 201-555-0123").timeZones()).containsExactly("America/New_York");
        assertThat(numbers.parse("+49 30 123456").timeZones()).containsExactly("Europe/Berlin");
        assertThat(numbers.parse("+33 1 23 45 67 89").timeZones()).containsExactly("Europe/Paris");
    }

    /**
     * parse() asks for a geographical number's zones by its prefix directly, not through getTimeZonesForNumber; the
     * answer must be the same for every type of number of every region (toll-free and other non-geographical
     * numbers get their country's zones).
     */
    @Test
    void everyExampleNumberOfEveryRegionAndTypeGetsTheZonesLibphonenumberGivesIt() throws Exception {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        PhoneNumberToTimeZonesMapper mapper = PhoneNumberToTimeZonesMapper.getInstance();
        int compared = 0;
        Set<PhoneNumberType> nonGeographicalCompared = EnumSet.noneOf(PhoneNumberType.class);
        for (String region : util.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                Phonenumber.PhoneNumber example = util.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                String e164 = util.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
                Phonenumber.PhoneNumber reparsed = util.parse(e164, "ZZ");
                if (!util.isValidNumber(reparsed)) {
                    continue; // an E.164 that does not read back as a valid number: parse() refuses it anyway
                }
                List<String> expected = mapper.getTimeZonesForNumber(reparsed).stream()
                        .filter(zone -> !zone.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())).toList();
                assertThat(numbers.parse(e164).timeZones()).as("%s %s %s", region, type, e164)
                        .isEqualTo(expected);
                compared++;
                if (!util.isNumberGeographical(util.getNumberType(reparsed), reparsed.getCountryCode())) {
                    nonGeographicalCompared.add(util.getNumberType(reparsed));
                }
            }
        }
        assertThat(compared).isGreaterThan(1_300); // 1,374 with libphonenumber 9.0.43
        assertThat(nonGeographicalCompared).contains(PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE);
    }

    @Test
    void defaultRegionIsConfigurable() {
        PhoneNumbers german = new PhoneNumbers("de");

        assertThat(german.parse("030 123456").e164()).isEqualTo("+4930123456");
        assertThat(german.defaultRegion()).isEqualTo("DE");
    }

    @Test
    void unknownDefaultRegionIsAConfigurationError() {
        assertThatThrownBy(() -> new PhoneNumbers("XX")).isInstanceOf(IllegalArgumentException.class);
    }
}
