package io.dialright.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final int CAPACITY = 1_000;

    private final VerifiedTokens<String> verified = new VerifiedTokens<>(CAPACITY);

    @Test
    void aTokenIsKeptUntilTheSecondOfItsExp() {
        verified.put("token-a", "operator-1", 1_000, 900);

        assertThat(verified.get("token-a", 999)).isEqualTo("operator-1");
        assertThat(verified.get("token-a", 1_000)).isNull();
        assertThat(verified.size()).as("an expired entry leaves when it is asked for").isZero();
    }

    @Test
    void aLongLivedTokenIsKeptForTheMaximumAgeOnly() {
        long now = 10_000;
        verified.put("token-a", "pbx-1", now + 3_600, now);

        assertThat(verified.get("token-a", now + VerifiedTokens.MAX_AGE_SECONDS - 1)).isEqualTo("pbx-1");
        assertThat(verified.get("token-a", now + VerifiedTokens.MAX_AGE_SECONDS)).isNull();
    }

    @Test
    void onlyTheVeryTokenThatWasVerifiedIsFound() {
        verified.put("token-a", "operator-1", 1_000, 900);

        assertThat(verified.get("token-b", 900)).isNull();
        assertThat(verified.get("token-a ", 900)).isNull();
    }

    @Test
    void tokensEndingInTheSameSignatureAreStillDifferentTokens() {
        String signature = ".c2lnbmF0dXJlLW9mLXRoZS1maXJzdC10b2tlbi13aXRoLXNvbWUtbGVuZ3Ro";
        verified.put("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcGVyYXRvci0xIn0" + signature, "operator-1", 1_000, 900);

        assertThat(verified.get("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbi0xIn0" + signature, 900))
                .as("a token with another payload and the same signature was never verified").isNull();
        assertThat(verified.get("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcGVyYXRvci0xIn0" + signature, 900))
                .isEqualTo("operator-1");
    }

    @Test
    void aTokenAlreadyExpiredIsNotKept() {
        verified.put("token-a", "operator-1", 1_000, 1_000);

        assertThat(verified.get("token-a", 999)).isNull();
        assertThat(verified.size()).isZero();
    }

    @Test
    void whenFullTheExpiredLeaveAndItStartsOverIfThatFreesLessThanATenth() {
        for (int i = 0; i < CAPACITY - CAPACITY / 5; i++) {
            verified.put("live-" + i, "subject", 2_000, 900);
        }
        for (int i = 0; i < CAPACITY / 5; i++) {
            verified.put("expiring-" + i, "subject", 1_000, 900);
        }

        verified.put("new-1", "subject", 2_000, 1_000); // a fifth expired: they go, every live one stays
        assertThat(verified.size()).isEqualTo(CAPACITY - CAPACITY / 5 + 1);
        assertThat(verified.get("live-0", 1_000)).isEqualTo("subject");
        assertThat(verified.get("expiring-0", 999)).isNull();

        for (int i = 0; verified.size() < CAPACITY; i++) {
            verified.put("more-" + i, "subject", 2_000, 1_000);
        }
        verified.put("new-2", "subject", 2_000, 1_000); // full of live tokens: it starts over with the new one
        assertThat(verified.size()).isEqualTo(1);
        assertThat(verified.get("new-2", 1_000)).isEqualTo("subject");
    }
}
