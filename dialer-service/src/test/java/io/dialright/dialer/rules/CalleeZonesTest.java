package io.dialright.dialer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.dialright.platform.phone.PhoneNumber;
import io.dialright.platform.phone.PhoneNumbers;
import org.junit.jupiter.api.Test;

class CalleeZonesTest {

    private static final PhoneNumbers NUMBERS = new PhoneNumbers("RU");

    private static List<String> ids(CalleeZones zones) {
        return zones.zones().stream().map(ZoneId::getId).toList();
    }

    @Test
    void libphonenumberStillGivesRussianMobilesSixteenZones() {
        PhoneNumber mobile = NUMBERS.parse("+7 912 345-67-89");

        assertThat(mobile.region()).isEqualTo("RU");
        assertThat(mobile.timeZones()).containsExactlyInAnyOrderElementsOf(CallingHoursTest.RUSSIAN_MOBILE_ZONES);
    }

    @Test
    void russianMobileIsNarrowedToRussianZones() {
        PhoneNumber mobile = NUMBERS.parse("+7 912 345-67-89");

        CalleeZones zones = CalleeZones.of(null, mobile.region(), mobile.timeZones());

        assertThat(ids(zones)).hasSize(13)
                .contains("Europe/Moscow", "Asia/Kamchatka", "Asia/Vladivostok")
                .doesNotContain("Europe/Bucharest", "Asia/Almaty", "Asia/Aqtobe");
        assertThat(zones.ambiguous()).isTrue();
        assertThat(zones.confirmed()).isFalse();
    }

    @Test
    void kazakhMobileIsNarrowedToKazakhZones() {
        PhoneNumber mobile = NUMBERS.parse("+7 701 234 56 78");
        assertThat(mobile.region()).isEqualTo("KZ");

        CalleeZones zones = CalleeZones.of(null, mobile.region(), mobile.timeZones());

        assertThat(ids(zones)).containsExactly("Asia/Almaty", "Asia/Aqtobe");
        assertThat(zones.ambiguous()).isTrue();
        assertThat(zones.key()).isEqualTo("Asia/Almaty,Asia/Aqtobe");
    }

    @Test
    void confirmedZoneWins() {
        CalleeZones zones = CalleeZones.of("Asia/Yekaterinburg", "RU", CallingHoursTest.RUSSIAN_MOBILE_ZONES);

        assertThat(ids(zones)).containsExactly("Asia/Yekaterinburg");
        assertThat(zones.ambiguous()).isFalse();
        assertThat(zones.confirmed()).isTrue();
    }

    @Test
    void invalidZoneIdsAreDroppedNeverThrown() {
        CalleeZones badConfirmation = CalleeZones.of("Mars/Olympus_Mons", "FR", List.of("Etc/Unknown", ""));

        assertThat(ids(badConfirmation)).containsExactly("Europe/Paris");
        assertThat(badConfirmation.confirmed()).isFalse();

        CalleeZones nothing = CalleeZones.of("not a zone", "ZZ", List.of("Nowhere/City", "Etc/Unknown"));
        assertThat(nothing.zones()).isEmpty();
        assertThat(nothing.unknown()).isTrue();
        assertThat(nothing.key()).isEmpty();
    }

    @Test
    void numberWithoutZonesGetsItsCountrysZones() {
        assertThat(ids(CalleeZones.of(null, "FR", List.of()))).containsExactly("Europe/Paris");
        assertThat(CalleeZones.of(null, "US", null).zones()).hasSizeGreaterThan(20);
        assertThat(CalleeZones.of(null, "US", null).ambiguous()).isTrue();
    }

    @Test
    void zoneOfAnotherCountryWithTheSameOffsetIsReplacedByTheCountrysOwn() {
        // libphonenumber names Europe/Bucharest for Estonian numbers: same offset, another country.
        assertThat(ids(CalleeZones.of(null, "EE", List.of("Europe/Bucharest")))).containsExactly("Europe/Tallinn");
    }

    @Test
    void numbersZonesStayWhenTheCountryHasNoneInTheTable() {
        assertThat(ids(CalleeZones.of(null, "XK", List.of("Europe/Belgrade")))).containsExactly("Europe/Belgrade");
        assertThat(ids(CalleeZones.of(null, null, List.of("Europe/Belgrade")))).containsExactly("Europe/Belgrade");
    }

    @Test
    void oldZoneNamesMatchTheirCountry() {
        // Argentina has a dozen zones; libphonenumber's America/Buenos_Aires is a link to one of them.
        assertThat(ids(CalleeZones.of(null, "AR", List.of("America/Buenos_Aires"))))
                .containsExactly("America/Buenos_Aires");
        assertThat(ids(CalleeZones.of(null, "UA", List.of("Europe/Kiev", "Europe/Kyiv"))))
                .containsExactly("Europe/Kyiv");
    }

    @Test
    void keyIsTheSameForTheSameZonesInAnyOrder() {
        List<String> shuffled = new ArrayList<>(CallingHoursTest.RUSSIAN_MOBILE_ZONES);
        Collections.reverse(shuffled);

        assertThat(CalleeZones.of(null, "RU", shuffled).key())
                .isEqualTo(CalleeZones.of(null, "RU", CallingHoursTest.RUSSIAN_MOBILE_ZONES).key())
                .startsWith("Asia/Anadyr,Asia/Irkutsk,");
    }

    @Test
    void countryTableCoversTheCountriesOfThePresets() {
        CountryZones table = CountryZones.standard();

        assertThat(table.zonesOf("RU")).hasSizeGreaterThanOrEqualTo(26).contains(ZoneId.of("Europe/Kaliningrad"));
        assertThat(table.zonesOf("FR")).containsExactly(ZoneId.of("Europe/Paris"));
        assertThat(table.zonesOf("US")).contains(ZoneId.of("America/New_York"), ZoneId.of("Pacific/Honolulu"));
        assertThat(table.zonesOf("KZ")).hasSize(7);
        assertThat(table.canonical("Asia/Calcutta")).isEqualTo("Asia/Kolkata");
    }
}
