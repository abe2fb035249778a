package io.dialright.platform.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersInTextTest {

    @Test
    void aNumberInTextKeepsItsLastTwoDigitsWhateverSeparatesItsDigits() {
        assertThat(NumbersInText.masked("old one 8 (916) 123-45-67, flat 12"))
                .isEqualTo("old one * (***) ***-**-67, flat 12");
        // Pasted from a web page or an office document: no-break spaces, a narrow one, en dashes.
        assertThat(NumbersInText.masked("call 916\u00A0123\u202F45\u201367"))
                .isEqualTo("call ***\u00A0***\u202F**\u201367");
        assertThat(NumbersInText.masked("+79161234567")).isEqualTo("+*********67");
    }

    @Test
    void shortRunsAndIdsStayReadable() {
        String id = "cohort-12345678-1234-5678-9012-345678901234"; // digits across its hyphens, yet an id

        assertThat(NumbersInText.masked("flat 12, after 18:30, 150 rub")).isEqualTo("flat 12, after 18:30, 150 rub");
        assertThat(NumbersInText.masked(id)).isEqualTo(id);
        assertThat(NumbersInText.masked(null)).isNull();
    }
}
