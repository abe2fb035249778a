package io.dialright.audit.report;

/** RFC 4180 fields for the reports: always quoted, inner quotes doubled, formula prefixes neutralised. */
final class Csv {

    private Csv() {
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        // A leading =, +, - or @ would make a spreadsheet evaluate the cell.
        String safe = text.matches("^[=+\\-@].*") ? "'" + text : text;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    static String row(Object... values) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append(values[i] instanceof Number ? values[i].toString() : field(values[i]));
        }
        return row.append("\r\n").toString();
    }
}
