package io.dialright.contact.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV with a header line. Columns are matched case-insensitively: {@code name}, {@code phone} or {@code phones} (several
 * numbers separated by {@code ;} or {@code |}) or {@code phone1}, {@code phone2}, …, and optionally {@code email},
 * {@code tags}, {@code source}, {@code campaign}, {@code status}, {@code timeZone}. Commas or semicolons separate
 * the cells, whichever the header uses. Line numbers are the lines of the file a record starts on, the header being
 * line 1, blank lines and line breaks inside quoted cells counted.
 */
final class CsvImportReader implements ImportReader {

    /** The longest header line read ahead to find the delimiter (a header is a few hundred characters). */
    private static final int HEADER_LIMIT = 1 << 20;

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<Integer> phoneColumns;
    /** The other columns' positions, found once in the header (-1: absent), not by name in every record. */
    private final int name;
    private final int email;
    private final int tags;
    private final int source;
    private final int campaign;
    private final int status;
    private final int timeZone;
    /** Skipped before the parser starts; it counts its lines from the header. */
    private final long blankLinesBeforeHeader;
    /** The line the last record returned (or the header) ends on. */
    private long linesRead;

    CsvImportReader(Path file, Charset charset) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, charset);
        this.blankLinesBeforeHeader = skipBlankLines(reader);
        char delimiter = delimiterOf(reader);
        this.parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(false).setTrim(true).setAllowMissingColumnNames(true).get().parse(reader);
        Map<String, Integer> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        parser.getHeaderMap().forEach((column, index) -> columns.put(column.strip().replace("\uFEFF", ""), index));
        this.phoneColumns = phoneColumns(columns);
        if (!columns.containsKey("name") || phoneColumns.isEmpty()) {
            parser.close();
            throw new InvalidImportFileException("The CSV header needs a 'name' column and a 'phone' (or 'phones', "
                    + "'phone1', …) column; it has " + columns.keySet() + ".");
        }
        this.name = columns.get("name");
        this.email = columns.getOrDefault("email", -1);
        this.tags = columns.getOrDefault("tags", -1);
        this.source = columns.getOrDefault("source", -1);
        this.campaign = columns.getOrDefault("campaign", -1);
        this.status = columns.getOrDefault("status", -1);
        this.timeZone = columns.getOrDefault("timezone", -1);
        this.records = parser.iterator();
        this.linesRead = blankLinesBeforeHeader + parser.getCurrentLineNumber();
    }

    @Override
    public RawRow next() {
        try {
            CSVRecord record;
            long line;
            do {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
                // The physical line the record starts on: the line after the last one the record before it ended on,
                // blank lines and quoted cells spanning lines included (the record number counts neither). Read
                // before the next hasNext(), which parses the following record.
                line = linesRead + 1;
                linesRead = blankLinesBeforeHeader + parser.getCurrentLineNumber();
            } while (isBlankLine(record));
            List<RawRow.Phone> phones = new ArrayList<>();
            for (int column : phoneColumns) {
                ListCells.split(cell(record, column)).forEach(number -> phones.add(RawRow.Phone.of(number)));
            }
            return new RawRow(line, cell(record, name), phones, cell(record, email),
                    ListCells.splitTags(cell(record, tags)), cell(record, source), cell(record, campaign),
                    cell(record, status), cell(record, timeZone), null);
        } catch (UncheckedIOException | IllegalStateException e) {
            // A broken quote makes the rest of the file unreadable as CSV: the job fails with the reason.
            throw new InvalidImportFileException("The CSV cannot be read from line " + (linesRead + 1) + " on: "
                    + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** Blank lines are skipped here, not by the parser, so that every line break before a record is counted. */
    private static boolean isBlankLine(CSVRecord record) {
        return record.size() == 1 && record.get(0).isEmpty();
    }

    private static String cell(CSVRecord record, int index) {
        if (index < 0 || index >= record.size()) {
            return null;
        }
        String value = record.get(index);
        return value == null || value.isBlank() ? null : value;
    }

    private static List<Integer> phoneColumns(Map<String, Integer> columns) {
        List<Integer> found = new ArrayList<>();
        columns.forEach((name, index) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("phone") || lower.equals("phones") || lower.matches("phone\\d+")) {
                found.add(index);
            }
        });
        found.sort(Integer::compare);
        return found;
    }

    /**
     * Blank lines before the header are skipped here, as the parser would take the first of them for the header, and
     * counted, so that line numbers stay those of the file.
     */
    private static long skipBlankLines(BufferedReader reader) throws IOException {
        long skipped = 0;
        while (true) {
            reader.mark(HEADER_LIMIT);
            String line = reader.readLine();
            if (line == null || !line.isBlank()) {
                reader.reset();
                return skipped;
            }
            skipped++;
        }
    }

    /** Semicolon-separated files are what spreadsheet programs in Russia write; the header tells which it is. */
    private static char delimiterOf(BufferedReader reader) throws IOException {
        reader.mark(HEADER_LIMIT);
        String header = Objects.requireNonNullElse(reader.readLine(), "");
        reader.reset();
        return header.chars().filter(c -> c == ';').count() > header.chars().filter(c -> c == ',').count()
                ? ';' : ',';
    }
}
