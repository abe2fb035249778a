package io.dialright.dialer.stats;

import java.util.Map;

/**
 * One row of the statistics, counted in calls. Conversion is sales per reached call (a conversation took place);
 * opt-out and complaint rates are per reached call too. For script variants, {@code significance} compares the
 * variant's conversion with the first variant's (calls, not customers: a customer called back twice counts twice,
 * which slightly overstates significance when callbacks are many).
 */
public record GroupStats(String group, long attempts, long reached, long sales, double conversion, long callbacks,
                         long refusals, Map<String, Long> refusalReasons, long optOuts, double optOutRate,
                         long complaints, double complaintRate, Significance significance) {

    static GroupStats of(String group, Tally tally, Significance significance) {
        return new GroupStats(group, tally.attempts, tally.reached, tally.sales, Tally.rate(tally.sales, tally.reached),
                tally.callbacks, tally.refusals(), Map.copyOf(tally.refusalReasons), tally.optOuts,
                Tally.rate(tally.optOuts, tally.reached), tally.complaints,
                Tally.rate(tally.complaints, tally.reached), significance);
    }
}
