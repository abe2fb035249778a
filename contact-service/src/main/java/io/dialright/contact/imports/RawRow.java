package io.dialright.contact.imports;

import java.util.List;

/**
 * One record of an import file as written, before any validation; {@code unreadable} says why a record could not
 * even be read (a broken JSON line), in which case the other fields are empty.
 */
public record RawRow(long line, String name, List<Phone> phones, String email, List<String> tags, String source,
                     String campaign, String status, String timeZone, String unreadable) {

    /** A number as written, with the label ("work") and comment an NDJSON record may give it. */
    public record Phone(String number, String label, String comment) {

        static Phone of(String number) {
            return new Phone(number, null, null);
        }
    }

    static RawRow unreadable(long line, String reason) {
        return new RawRow(line, null, List.of(), null, List.of(), null, null, null, null, reason);
    }
}
