package io.dialright.contact.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record's line is the line of the file it starts on, as an editor or a spreadsheet shows it. */
class CsvImportReaderLinesTest {

    @TempDir
    Path dir;

    @Test
    void blankLinesBeforeTheHeaderBetweenRecordsAndInsideQuotedCellsAreCounted() throws IOException {
        String csv = String.join("\n", "", "", "name;phone", "A;1", "", "\"B", "b\";2", "", "", "C;3");

        assertThat(linesOf(csv)).containsExactly("A@4", "B\nb@6", "C@10");
    }

    @Test
    void windowsLineEndsCountOnceAndTheLastLineNeedsNoLineEnd() throws IOException {
        String csv = String.join("\r\n", "\r\nname,phone", "A,1", "", "\"B\r\nb\",2", "C,3");

        assertThat(linesOf(csv)).containsExactly("A@3", "B\r\nb@5", "C@7");
    }

    private List<String> linesOf(String csv) throws IOException {
        Path file = dir.resolve("contacts.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        try (CsvImportReader reader = new CsvImportReader(file, StandardCharsets.UTF_8)) {
            for (RawRow row = reader.next(); row != null; row = reader.next()) {
                lines.add(row.name() + "@" + row.line());
            }
        }
        return lines;
    }
}
