package io.dialright.contact.imports;

import java.util.HexFormat;
import java.util.List;

/** Builds rows in PostgreSQL's {@code COPY … FROM STDIN} text format: tab-separated, {@code \N} for null. */
final class CopyText {

    /** Characters {@code COPY}'s text format escapes with a backslash. */
    private static final char[] COPY_SPECIAL = {'\\', '\t', '\n', '\r'};
    /** Those, and the quote that ends an element of an array literal. */
    private static final char[] ARRAY_SPECIAL = {'\\', '\t', '\n', '\r', '"'};

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

    /**
     * A {@code text[]} literal with every element quoted: the literal's own escapes ({@code \\}, {@code \"}) and
     * then {@code COPY}'s, written in one pass.
     */
    CopyText array(List<String> values) {
        separate();
        text.append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            String value = values.get(i);
            text.append('"');
            if (!contains(value, ARRAY_SPECIAL)) {
                text.append(value);
            } else {
                for (int j = 0; j < value.length(); j++) {
                    char c = value.charAt(j);
                    switch (c) {
                        case '\\' -> text.append("\\\\\\\\");
                        case '"' -> text.append("\\\\\"");
                        default -> appendEscaped(c);
                    }
                }
            }
            text.append('"');
        }
        text.append('}');
        return this;
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
        if (!contains(value, COPY_SPECIAL)) {
            text.append(value); // nearly every value: one copy instead of a character at a time
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            appendEscaped(value.charAt(i));
        }
    }

    private void appendEscaped(char c) {
        switch (c) {
            case '\\' -> text.append("\\\\");
            case '\t' -> text.append("\\t");
            case '\n' -> text.append("\\n");
            case '\r' -> text.append("\\r");
            default -> text.append(c);
        }
    }

    /** {@code String.indexOf} per character: the JDK scans with vector instructions, a loop of charAt does not. */
    private static boolean contains(String value, char[] characters) {
        for (char c : characters) {
            if (value.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }
}
