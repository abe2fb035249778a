package io.dialright.dialer.stats;

import java.util.Map;
import java.util.TreeMap;

/** The counts of one group of attempts (an operator, a script variant, a number source, the whole campaign). */
final class Tally {

    long attempts;
    long reached;
    long sales;
    long callbacks;
    long optOuts;
    long complaints;
    final Map<String, Long> refusalReasons = new TreeMap<>();

    void add(String outcome, boolean conversation, String refusalReason, long count) {
        attempts += count;
        reached += conversation ? count : 0;
        switch (outcome) {
            case "SALE" -> sales += count;
            case "CALLBACK" -> callbacks += count;
            case "OPT_OUT" -> optOuts += count;
            case "COMPLAINT" -> complaints += count;
            case "REFUSED" -> refusalReasons.merge(refusalReason == null || refusalReason.isBlank()
                    ? "(no reason given)" : refusalReason, count, Long::sum);
            default -> {
                // NO_ANSWER, BUSY, WRONG_NUMBER, RESOLVED: counted in attempts (and reached) only.
            }
        }
    }

    long refusals() {
        return refusalReasons.values().stream().mapToLong(Long::longValue).sum();
    }

    static double rate(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
