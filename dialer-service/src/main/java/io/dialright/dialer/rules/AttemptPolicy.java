package io.dialright.dialer.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The attempt limits of a ruleset (D-2, 230-FZ, the French decree): pure computation over the number's earlier
 * attempts. Every window is rolling and ends at the instant asked about; an attempt exactly one window length ago is
 * outside it. Attempts after that instant (clock skew between telephony platforms) count as if made now.
 *
 * <p>Calendar periods of 230-FZ are counted as rolling windows, which is never less strict: "a day" is the last 24
 * hours, "a week" the last 7 days, and "a month" the last <b>31</b> days — a 30-day window could let a 31-day
 * calendar month hold more conversations than the law allows. The callee's time zone plays no part here.
 */
@ApplicationScoped
public class AttemptPolicy {

    static final Duration DAY = Duration.ofHours(24);
    static final Duration WEEK = Duration.ofDays(7);
    static final Duration THIRTY_DAYS = Duration.ofDays(30);
    /** Covers every calendar month, so "8 a month" holds for each of them. */
    static final Duration CONVERSATION_MONTH = Duration.ofDays(31);
    private static final Set<String> REFUSALS = Set.of("REFUSED", "OPT_OUT");

    /** One limit that holds the number back. */
    private record Hold(Instant until, String code, String text) {
    }

    /**
     * The first instant the limits allow another attempt, the limit that holds the longest, and why. Eligible now
     * answers {@code notBefore = at} and a {@code null} code.
     */
    public Eligibility nextEligible(Ruleset rules, List<PastAttempt> attempts, Instant at) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(at, "at");
        List<PastAttempt> sorted = attempts == null ? List.of()
                : attempts.stream().filter(Objects::nonNull).sorted(Comparator.comparing(PastAttempt::at)).toList();
        List<Instant> all = sorted.stream().map(PastAttempt::at).toList();
        List<Instant> conversations = sorted.stream().filter(PastAttempt::conversation).map(PastAttempt::at).toList();

        List<Hold> holds = new ArrayList<>();
        afterRefusal(rules, sorted, at, holds);
        weeklyAttempts(rules, all, at, holds);
        window(all, rules.maxAttemptsPer30Days(), THIRTY_DAYS, at, Eligibility.ATTEMPTS_PER_30_DAYS,
                "attempt", "30 days", "in 30 days", holds);
        window(conversations, rules.maxConversationsPer30Days(), CONVERSATION_MONTH, at,
                Eligibility.CONVERSATIONS_PER_30_DAYS, "conversation", "31 days", "a month", holds);
        window(conversations, rules.maxConversationsPer7Days(), WEEK, at, Eligibility.CONVERSATIONS_PER_7_DAYS,
                "conversation", "7 days", "a week", holds);
        window(conversations, rules.maxConversationsPerDay(), DAY, at, Eligibility.CONVERSATIONS_PER_DAY,
                "conversation", "24 hours", "a day", holds);
        minGap(rules, all, at, holds);

        holds.removeIf(hold -> !hold.until.isAfter(at));
        if (holds.isEmpty()) {
            return new Eligibility(at, null, eligible(rules, all, at));
        }
        // Stable: among equal instants the order above (the more serious limit first) decides the code.
        List<Hold> longestFirst = holds.stream().sorted(Comparator.comparing(Hold::until).reversed()).toList();
        Hold binding = longestFirst.get(0);
        String why = String.join("; ", longestFirst.stream().map(Hold::text).toList());
        return new Eligibility(binding.until, binding.code,
                "Not before " + time(binding.until) + " (" + rules.id() + " v" + rules.version() + "): " + why);
    }

    /**
     * Sensitive campaigns: whether an operator other than {@code operatorId} attempted the number within the
     * ruleset's {@code otherOperatorLockHours} before {@code at}.
     */
    public boolean otherOperatorLocked(Ruleset rules, List<PastAttempt> attempts, String operatorId, Instant at) {
        return otherOperatorLockedUntil(rules, attempts, operatorId, at) != null;
    }

    /** When the other-operator lock ends, or {@code null} when there is none at {@code at}. */
    public Instant otherOperatorLockedUntil(Ruleset rules, List<PastAttempt> attempts, String operatorId,
                                            Instant at) {
        if (rules.otherOperatorLockHours() <= 0 || attempts == null) {
            return null;
        }
        Duration lock = Duration.ofHours(rules.otherOperatorLockHours());
        Instant until = null;
        for (PastAttempt attempt : attempts) {
            if (attempt == null || Objects.equals(attempt.operatorId(), operatorId)) {
                continue;
            }
            Instant end = attempt.at().plus(lock);
            if (end.isAfter(at) && (until == null || end.isAfter(until))) {
                until = end;
            }
        }
        return until;
    }

    private static void afterRefusal(Ruleset rules, List<PastAttempt> sorted, Instant at, List<Hold> holds) {
        if (rules.daysAfterRefusal() == null || rules.daysAfterRefusal() <= 0) {
            return;
        }
        PastAttempt refusal = null;
        for (PastAttempt attempt : sorted) {
            if (attempt.outcome() != null && REFUSALS.contains(attempt.outcome())) {
                refusal = attempt;
            }
        }
        if (refusal != null) {
            Instant until = refusal.at().plus(Duration.ofDays(rules.daysAfterRefusal()));
            holds.add(new Hold(until, Eligibility.AFTER_REFUSAL, "the customer refused (" + refusal.outcome()
                    + ") at " + time(refusal.at()) + ": no call for " + rules.daysAfterRefusal()
                    + " days, until " + time(until)));
        }
    }

    /** At most {@code maxAttemptsPer7Days} within any 7 days; reaching it rests the number {@code coolOffDays}. */
    private static void weeklyAttempts(Ruleset rules, List<Instant> all, Instant at, List<Hold> holds) {
        int limit = rules.maxAttemptsPer7Days();
        if (limit <= 0) {
            return;
        }
        Instant coolOffEnd = null;
        Instant limitReachedAt = null;
        if (rules.coolOffDays() > 0) {
            Duration coolOff = Duration.ofDays(rules.coolOffDays());
            for (int i = limit - 1; i < all.size(); i++) {
                if (Duration.between(all.get(i - limit + 1), all.get(i)).compareTo(WEEK) < 0) {
                    limitReachedAt = all.get(i);
                    coolOffEnd = limitReachedAt.plus(coolOff);
                }
            }
        }
        List<Instant> inWindow = within(all, WEEK, at);
        if (inWindow.size() >= limit) {
            Instant free = inWindow.get(inWindow.size() - limit).plus(WEEK);
            Instant until = coolOffEnd != null && coolOffEnd.isAfter(free) ? coolOffEnd : free;
            String rest = rules.coolOffDays() > 0
                    ? "; the number rests " + rules.coolOffDays() + " days after the last of them"
                    : "";
            holds.add(new Hold(until, Eligibility.ATTEMPTS_EXHAUSTED, count(inWindow.size(), "attempt")
                    + " within the last 7 days " + (inWindow.size() == 1 ? "reaches" : "reach") + " the limit of "
                    + limit + rest + ", until " + time(until)));
        } else if (coolOffEnd != null && coolOffEnd.isAfter(at)) {
            holds.add(new Hold(coolOffEnd, Eligibility.COOL_OFF, "resting " + rules.coolOffDays() + " days after "
                    + count(limit, "attempt") + " within 7 days (the last at " + time(limitReachedAt) + "), until "
                    + time(coolOffEnd)));
        }
    }

    /** At most {@code limit} of {@code times} within any {@code length}; {@code null} limit: none. */
    private static void window(List<Instant> times, Integer limit, Duration length, Instant at, String code,
                               String what, String lengthText, String lawText, List<Hold> holds) {
        if (limit == null || limit <= 0) {
            return;
        }
        List<Instant> inWindow = within(times, length, at);
        if (inWindow.size() >= limit) {
            Instant until = inWindow.get(inWindow.size() - limit).plus(length);
            holds.add(new Hold(until, code, count(inWindow.size(), what) + " within the last " + lengthText
                    + (inWindow.size() == 1 ? " reaches" : " reach") + " the limit of " + limit + " " + lawText
                    + ", until " + time(until)));
        }
    }

    private static void minGap(Ruleset rules, List<Instant> all, Instant at, List<Hold> holds) {
        if (rules.minGapMinutes() <= 0 || all.isEmpty()) {
            return;
        }
        Instant last = all.get(all.size() - 1);
        Instant until = last.plus(Duration.ofMinutes(rules.minGapMinutes()));
        holds.add(new Hold(until, Eligibility.MIN_GAP, "the last attempt was at " + time(last) + " and "
                + rules.minGapMinutes() + " minutes must pass between attempts, until " + time(until)));
    }

    private static String eligible(Ruleset rules, List<Instant> all, Instant at) {
        StringBuilder text = new StringBuilder("Eligible (").append(rules.id()).append(" v").append(rules.version())
                .append("): ").append(within(all, WEEK, at).size()).append(" of ")
                .append(count(rules.maxAttemptsPer7Days(), "attempt")).append(" used in the last 7 days");
        if (rules.maxAttemptsPer30Days() != null) {
            text.append(", ").append(within(all, THIRTY_DAYS, at).size()).append(" of ")
                    .append(rules.maxAttemptsPer30Days()).append(" in the last 30 days");
        }
        if (!all.isEmpty()) {
            text.append("; last attempt at ").append(time(all.get(all.size() - 1)));
        }
        return text.toString();
    }

    /** The times after {@code at - length}, oldest first (later ones included: they count as now). */
    private static List<Instant> within(List<Instant> sortedTimes, Duration length, Instant at) {
        Instant since = at.minus(length);
        return sortedTimes.stream().filter(time -> time.isAfter(since)).toList();
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
