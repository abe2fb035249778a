package io.dialright.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RevocationListTest {

    /** Revoked at 10:00:00.700: tokens issued in that second may be older, so they are refused too. */
    private static final Instant EFFECTIVE = Instant.parse("2026-11-28T10:00:00.700Z");
    private static final long EFFECTIVE_SECOND = EFFECTIVE.getEpochSecond();

    private final RevocationList list = new RevocationList();

    @Test
    void aTokenWithoutIssuedAtIsRefused() {
        list.apply(new Revocation("operator-7", EFFECTIVE, "dismissed"));

        assertThat(list.isRevoked("operator-7", null)).isTrue();
    }

    @Test
    void aTokenIssuedBeforeOrInTheSecondOfTheRevocationIsRefused() {
        list.apply(new Revocation("operator-7", EFFECTIVE, "dismissed"));

        assertThat(list.isRevoked("operator-7", EFFECTIVE_SECOND - 3600)).isTrue();
        assertThat(list.isRevoked("operator-7", EFFECTIVE_SECOND)).isTrue();
    }

    @Test
    void aTokenIssuedAfterTheRevocationPasses() {
        list.apply(new Revocation("operator-7", EFFECTIVE, "dismissed"));

        assertThat(list.isRevoked("operator-7", EFFECTIVE_SECOND + 1)).isFalse();
    }

    @Test
    void otherSubjectsPass() {
        list.apply(new Revocation("operator-7", EFFECTIVE, "dismissed"));

        assertThat(list.isRevoked("operator-8", null)).isFalse();
        assertThat(list.isRevoked(null, null)).isFalse();
    }

    @Test
    void theLatestRevocationOfASubjectWins() {
        list.apply(new Revocation("operator-7", EFFECTIVE, "dismissed"));
        list.apply(new Revocation("operator-7", EFFECTIVE.plus(Duration.ofDays(1)), "dismissed again"));

        assertThat(list.isRevoked("operator-7", EFFECTIVE_SECOND + 3600)).isTrue();
        assertThat(list.refusing("operator-7", null)).get().extracting(Revocation::reason)
                .isEqualTo("dismissed again");
        assertThat(list.size()).isEqualTo(1);
    }

    @Test
    void anEarlierRevocationArrivingLastNeverLetsOlderTokensBackIn() {
        list.apply(new Revocation("operator-8", EFFECTIVE.plus(Duration.ofDays(1)), "dismissed"));
        list.apply(new Revocation("operator-8", EFFECTIVE, "dismissed, typed the wrong day"));

        assertThat(list.isRevoked("operator-8", EFFECTIVE_SECOND + 3600)).isTrue();
        assertThat(list.of("operator-8")).get().extracting(Revocation::effectiveAt)
                .isEqualTo(EFFECTIVE.plus(Duration.ofDays(1)));
    }

    @Test
    void theListIsLoadedOnlyWhenTheFeedSaysSo() throws InterruptedException {
        assertThat(list.loaded()).isFalse();
        assertThat(list.awaitLoaded(Duration.ofMillis(10))).isFalse();

        list.markLoaded();

        assertThat(list.loaded()).isTrue();
        assertThat(list.awaitLoaded(Duration.ZERO)).isTrue();
    }

    @Test
    void aRevocationNeedsASubjectAndAnInstant() {
        assertThatThrownBy(() -> new Revocation(" ", EFFECTIVE, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Revocation("operator-7", null, null)).isInstanceOf(NullPointerException.class);
        assertThat(new Revocation("operator-7", EFFECTIVE, null).reason()).isEmpty();
    }
}
