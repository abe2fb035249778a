package io.dialright.dialer.stats;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The statistics as CSV (one line per group, RFC 4180 quoting) for spreadsheets. */
final class StatsCsv {

    static final String HEADER = "dimension,group,attempts,reached,sales,conversion,callbacks,refusals,"
            + "refusal_reasons,opt_outs,opt_out_rate,complaints,complaint_rate,p_value_vs_baseline\r\n";

    private StatsCsv() {
    }

    static String of(CampaignStats stats) {
        StringBuilder csv = new StringBuilder(HEADER);
        line(csv, "total", stats.total());
        lines(csv, "operator", stats.operators());
        lines(csv, "script_variant", stats.scriptVariants());
        lines(csv, "source", stats.sources());
        return csv.toString();
    }

    private static void lines(StringBuilder csv, String dimension, List<GroupStats> groups) {
        groups.forEach(group -> line(csv, dimension, group));
    }

    private static void line(StringBuilder csv, String dimension, GroupStats group) {
        String reasons = group.refusalReasons().entrySet().stream()
                .map(Map.Entry::getKey).sorted()
                .map(reason -> reason + "=" + group.refusalReasons().get(reason))
                .collect(Collectors.joining("; "));
        csv.append(String.join(",", dimension, quote(group.group()), String.valueOf(group.attempts()),
                        String.valueOf(group.reached()), String.valueOf(group.sales()), number(group.conversion()),
                        String.valueOf(group.callbacks()), String.valueOf(group.refusals()), quote(reasons),
                        String.valueOf(group.optOuts()), number(group.optOutRate()),
                        String.valueOf(group.complaints()), number(group.complaintRate()),
                        group.significance() == null ? "" : number(group.significance().pValue())))
                .append("\r\n");
    }

    /** Quoted, and a leading =, +, - or @ defused so a spreadsheet does not run it as a formula. */
    static String quote(String value) {
        String safe = value == null ? "" : value;
        if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
