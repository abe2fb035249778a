package io.dialright.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private final VerifiedTokens<String> verified = new VerifiedTokens<>();

    @Test
    void aTokenIsKeptUntilTheSecondOfItsExp() {
        verified.put("token-a", "operator-1", 1_000, 900);

        assertThat(verified.get("token-a", 999)).isEqualTo("operator-1");
        assertThat(verified.get("token-a", 1_000)).isNull();
        assertThat(verified.size()).as("an expired entry leaves when it is asked for").isZero();
    }

    @Test
    void onlyTheVeryTokenThatWasVerifiedIsFound() {
        verified.put("token-a", "operator-1", 1_000, 900);

        assertThat(verified.get("token-b", 900)).isNull();
        assertThat(verified.get("token-a ", 900)).isNull();
    }

    @Test
    void aTokenAlreadyExpiredIsNotKept() {
        verified.put("token-a", "operator-1", 1_000, 1_000);

        assertThat(verified.get("token-a", 999)).isNull();
        assertThat(verified.size()).isZero();
    }

    @Test
    void whenFullExpiredTokensMakeRoomFirstAndOtherwiseItStartsOver() {
        for (int i = 0; i < VerifiedTokens.CAPACITY - 1; i++) {
            verified.put("live-" + i, "subject", 2_000, 900);
        }
        verified.put("expiring", "subject", 1_000, 900);

        verified.put("new-1", "subject", 2_000, 1_000); // full: the expired one goes, every live one stays
        assertThat(verified.size()).isEqualTo(VerifiedTokens.CAPACITY);
        assertThat(verified.get("live-0", 1_000)).isEqualTo("subject");

        verified.put("new-2", "subject", 2_000, 1_000); // full of live tokens: it starts over with the new one
        assertThat(verified.size()).isEqualTo(1);
        assertThat(verified.get("new-2", 1_000)).isEqualTo("subject");
    }
}
