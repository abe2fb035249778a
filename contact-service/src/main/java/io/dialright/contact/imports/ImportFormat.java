package io.dialright.contact.imports;

import java.util.Locale;
import java.util.Optional;

/** The file formats an import accepts, recognised by the request's {@code Content-Type}. */
public enum ImportFormat {
    /** A header line naming the columns, then one contact per record. */
    CSV("csv"),
    /** One JSON object per line. */
    NDJSON("ndjson");

    private final String extension;

    ImportFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public static Optional<ImportFormat> ofMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text/csv", "application/csv" -> Optional.of(CSV);
            case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines",
                 "application/json-lines", "application/jsonlines" -> Optional.of(NDJSON);
            default -> Optional.empty();
        };
    }
}
