package io.dialright.contact.imports;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;

/** Reads an import file one record at a time, so memory does not grow with the file. */
public interface ImportReader extends Closeable {

    /** The next record, or {@code null} at the end of the file. */
    RawRow next() throws IOException;

    static ImportReader open(ImportFormat format, Path file, Charset charset) throws IOException {
        return switch (format) {
            case CSV -> new CsvImportReader(file, charset);
            case NDJSON -> new NdjsonImportReader(file, charset);
        };
    }
}
