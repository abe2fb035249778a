package io.dialright.dialer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AttemptPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private final AttemptPolicy policy = new AttemptPolicy();

    private static Instant day(double days) {
        return T0.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    private static PastAttempt noAnswer(Instant at) {
        return new PastAttempt(at, "operator-1", "NO_ANSWER", false);
    }

    private static PastAttempt talk(Instant at, String outcome) {
        return new PastAttempt(at, "operator-1", outcome, true);
    }

    @Test
    void numberWithoutAttemptsIsEligibleNow() {
        Eligibility eligibility = policy.nextEligible(RulesetFixtures.ruDefault(), List.of(), T0);

        assertThat(eligibility.eligible()).isTrue();
        assertThat(eligibility.notBefore()).isEqualTo(T0);
        assertThat(eligibility.explanation()).startsWith("Eligible (ru-default v1): 0 of 3 attempts");
    }

    @Test
    void minGapHoldsTheNextAttempt() {
        Eligibility eligibility = policy.nextEligible(RulesetFixtures.ruDefault(),
                List.of(noAnswer(T0)), T0.plus(Duration.ofMinutes(30)));

        assertThat(eligibility.code()).isEqualTo(Eligibility.MIN_GAP);
        assertThat(eligibility.notBefore()).isEqualTo(T0.plus(Duration.ofMinutes(60)));
        assertThat(policy.nextEligible(RulesetFixtures.ruDefault(), List.of(noAnswer(T0)),
                T0.plus(Duration.ofMinutes(60))).eligible()).isTrue();
    }

    @Test
    void threeAttemptsInAWeekRestTheNumberForAMonthFromTheLastOfThem() {
        Ruleset rules = RulesetFixtures.ruDefault();
        List<PastAttempt> attempts = List.of(noAnswer(day(0)), noAnswer(day(1)), noAnswer(day(2)));

        Eligibility exhausted = policy.nextEligible(rules, attempts, day(3));
        assertThat(exhausted.code()).isEqualTo(Eligibility.ATTEMPTS_EXHAUSTED);
        assertThat(exhausted.notBefore()).isEqualTo(day(32));
        assertThat(exhausted.explanation()).contains("3 attempts within the last 7 days reach the limit of 3");

        Eligibility resting = policy.nextEligible(rules, attempts, day(10));
        assertThat(resting.code()).isEqualTo(Eligibility.COOL_OFF);
        assertThat(resting.notBefore()).isEqualTo(day(32));

        assertThat(policy.nextEligible(rules, attempts, day(32)).eligible()).isTrue();
    }

    @Test
    void attemptsSpreadOverMoreThanAWeekDoNotExhaustIt() {
        List<PastAttempt> attempts = List.of(noAnswer(day(0)), noAnswer(day(5)), noAnswer(day(8)));

        assertThat(policy.nextEligible(RulesetFixtures.ruDefault(), attempts, day(9)).eligible()).isTrue();
    }

    @Test
    void withoutCoolOffTheRollingWindowAloneHoldsTheNumber() {
        Ruleset rules = RulesetFixtures.builder("rolling").attempts(3, 0, 0, 0).build();
        List<PastAttempt> attempts = List.of(noAnswer(day(0)), noAnswer(day(1)), noAnswer(day(2)));

        Eligibility eligibility = policy.nextEligible(rules, attempts, day(3));

        assertThat(eligibility.code()).isEqualTo(Eligibility.ATTEMPTS_EXHAUSTED);
        assertThat(eligibility.notBefore()).isEqualTo(day(7));
    }

    @Test
    void franceAllowsFourCallsInThirtyDays() {
        Ruleset rules = RulesetFixtures.fr2022();
        List<PastAttempt> attempts = List.of(noAnswer(day(0)), noAnswer(day(6)), noAnswer(day(12)),
                noAnswer(day(18)));

        Eligibility eligibility = policy.nextEligible(rules, attempts, day(19));

        assertThat(eligibility.code()).isEqualTo(Eligibility.ATTEMPTS_PER_30_DAYS);
        assertThat(eligibility.notBefore()).isEqualTo(day(30));
        assertThat(policy.nextEligible(rules, attempts.subList(0, 3), day(19)).eligible()).isTrue();
    }

    @Test
    void franceWaitsSixtyDaysAfterARefusalOrAnOptOut() {
        Ruleset rules = RulesetFixtures.fr2022();

        Eligibility refused = policy.nextEligible(rules, List.of(talk(day(0), "REFUSED")), day(1));
        assertThat(refused.code()).isEqualTo(Eligibility.AFTER_REFUSAL);
        assertThat(refused.notBefore()).isEqualTo(day(60));
        assertThat(refused.explanation()).contains("the customer refused (REFUSED)");

        assertThat(policy.nextEligible(rules, List.of(talk(day(0), "OPT_OUT")), day(59)).code())
                .isEqualTo(Eligibility.AFTER_REFUSAL);
        assertThat(policy.nextEligible(rules, List.of(talk(day(0), "REFUSED")), day(60)).eligible()).isTrue();
        assertThat(policy.nextEligible(rules, List.of(talk(day(0), "SALE")), day(1)).eligible()).isTrue();
    }

    @Test
    void debtCollectionAllowsOneConversationADay() {
        Ruleset rules = RulesetFixtures.ru230fz();

        Eligibility eligibility = policy.nextEligible(rules, List.of(talk(day(0), "CALLBACK")), day(0.5));

        assertThat(eligibility.code()).isEqualTo(Eligibility.CONVERSATIONS_PER_DAY);
        assertThat(eligibility.notBefore()).isEqualTo(day(1));
    }

    @Test
    void unansweredAttemptsAreNotConversations() {
        Ruleset rules = RulesetFixtures.ru230fz();

        assertThat(policy.nextEligible(rules, List.of(noAnswer(day(0))), day(0.5)).eligible()).isTrue();
    }

    @Test
    void debtCollectionAllowsTwoConversationsAWeek() {
        Ruleset rules = RulesetFixtures.ru230fz();
        List<PastAttempt> attempts = List.of(talk(day(0), "CALLBACK"), talk(day(2), "CALLBACK"));

        Eligibility eligibility = policy.nextEligible(rules, attempts, day(3));

        assertThat(eligibility.code()).isEqualTo(Eligibility.CONVERSATIONS_PER_7_DAYS);
        assertThat(eligibility.notBefore()).isEqualTo(day(7));
    }

    @Test
    void debtCollectionAllowsEightConversationsInAnyMonth() {
        Ruleset rules = RulesetFixtures.ru230fz();
        List<PastAttempt> attempts = new ArrayList<>();
        for (int d = 0; d <= 28; d += 4) {
            attempts.add(talk(day(d), "CALLBACK"));
        }

        Eligibility eligibility = policy.nextEligible(rules, attempts, day(29));

        // Counted over 31 days, so that no calendar month can hold a ninth.
        assertThat(eligibility.code()).isEqualTo(Eligibility.CONVERSATIONS_PER_30_DAYS);
        assertThat(eligibility.notBefore()).isEqualTo(day(31));
        assertThat(eligibility.explanation()).contains("8 conversations within the last 31 days");
    }

    @Test
    void theLimitThatHoldsLongestDecidesAndEveryHoldingLimitIsExplained() {
        Ruleset rules = RulesetFixtures.ru230fz();
        List<PastAttempt> attempts = List.of(talk(day(0), "CALLBACK"), noAnswer(day(1)), talk(day(2), "BUSY"));

        Eligibility eligibility = policy.nextEligible(rules, attempts, day(2).plus(Duration.ofMinutes(10)));

        assertThat(eligibility.code()).isEqualTo(Eligibility.ATTEMPTS_EXHAUSTED);
        assertThat(eligibility.notBefore()).isEqualTo(day(32));
        assertThat(eligibility.explanation())
                .contains("3 attempts within the last 7 days")
                .contains("2 conversations within the last 7 days")
                .contains("1 conversation within the last 24 hours")
                .contains("minutes must pass between attempts");
    }

    @Test
    void anotherOperatorsRecentAttemptLocksTheNumber() {
        Ruleset rules = RulesetFixtures.ruDefault();
        List<PastAttempt> attempts = List.of(new PastAttempt(day(0), "operator-1", "CALLBACK", true));

        assertThat(policy.otherOperatorLocked(rules, attempts, "operator-2", day(0.5))).isTrue();
        assertThat(policy.otherOperatorLockedUntil(rules, attempts, "operator-2", day(0.5))).isEqualTo(day(1));
        assertThat(policy.otherOperatorLocked(rules, attempts, "operator-1", day(0.5))).isFalse();
        assertThat(policy.otherOperatorLocked(rules, attempts, "operator-2", day(1))).isFalse();

        Ruleset unlocked = RulesetFixtures.builder("free").attempts(3, 30, 60, 0).build();
        assertThat(policy.otherOperatorLocked(unlocked, attempts, "operator-2", day(0.5))).isFalse();
    }
}
