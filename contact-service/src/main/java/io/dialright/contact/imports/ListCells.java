package io.dialright.contact.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Cells that hold several values ("+7 916 …; +7 495 …", "vip|newsletter"), as old CRMs wrote them. */
final class ListCells {

    private static final Pattern SEPARATORS = Pattern.compile("[;|]");

    private ListCells() {
    }

    static List<String> split(String cell) {
        List<String> values = new ArrayList<>();
        if (cell == null) {
            return values;
        }
        for (String value : SEPARATORS.split(cell)) {
            if (!value.isBlank()) {
                values.add(value.strip());
            }
        }
        return values;
    }

    /** Tags may also be comma-separated (numbers may not: "8 (916) 123-45-67, доб. 12" is one number). */
    static List<String> splitTags(String cell) {
        return split(cell == null ? null : cell.replace(',', ';'));
    }
}
