package io.dialright.consent.service;

/**
 * Reads the number out of a registry file line: the whole line, or one field of a CSV line (separated by commas,
 * semicolons or tabs, optionally quoted).
 */
final class RegistryLines {

    private RegistryLines() {
    }

    /** The field at {@code column} (1-based), trimmed and unquoted; {@code null} when the line has no such field. */
    static String field(String line, int column) {
        int start = 0;
        int index = 1;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ',' || c == ';' || c == '\t')) {
                if (index == column) {
                    return clean(line.substring(start, i));
                }
                index++;
                start = i + 1;
            }
        }
        return index == column ? clean(line.substring(start)) : null;
    }

    /** A first line without any digit is a CSV header, not a rejected number. */
    static boolean looksLikeHeader(String field) {
        return field == null || field.chars().noneMatch(Character::isDigit);
    }

    private static String clean(String field) {
        String value = field.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).strip();
        }
        return value;
    }
}
