package io.dialright.contact.imports;

import java.util.HexFormat;
import java.util.List;

/** Builds rows in PostgreSQL's {@code COPY … FROM STDIN} text format: tab-separated, {@code \N} for null. */
final class CopyText {

    private final StringBuilder text = new StringBuilder(256);
    private boolean rowStarted;

    CopyText value(Object value) {
        separate();
        if (value == null) {
            text.append("\\N");
        } else {
            escape(value.toString());
        }
        return this;
    }

    CopyText bytes(byte[] value) {
        separate();
        // bytea hex input "\x…", its backslash escaped for COPY.
        text.append("\\\\x").append(HexFormat.of().formatHex(value));
        return this;
    }

    /** A {@code text[]} literal with every element quoted. */
    CopyText array(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return value(literal.append('}').toString());
    }

    void endRow() {
        text.append('\n');
        rowStarted = false;
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }

    private void escape(String value) {
        if (!needsEscaping(value)) {
            text.append(value); // nearly every value: one copy instead of a character at a time
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }

    private static boolean needsEscaping(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
