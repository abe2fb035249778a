package io.dialright.contact.exports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import net.lingala.zip4j.io.outputstream.ZipOutputStream;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import net.lingala.zip4j.model.enums.EncryptionMethod;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes an export as {@code contacts.csv} inside a zip encrypted with AES-256 (WinZip AE-2, which 7-Zip and most
 * archive tools open) under a one-time password. Only the encrypted archive ever touches the disk.
 */
final class ArchiveWriter {

    /**
     * One exported contact; numbers are E.164 (real or fictitious), several separated by {@code ;}; the names and
     * e-mails it was also known by before merges as a JSON array ({@code [{name, email, mergedFrom, mergedAt}]}),
     * empty when there are none.
     */
    record Row(String contactId, String name, String email, String phones, String tags, String status,
               String source, String otherIdentities) {
    }

    static final List<String> HEADER = List.of("contactId", "name", "email", "phones", "tags", "status", "source",
            "otherIdentities");

    private ArchiveWriter() {
    }

    static void write(Path archive, char[] password, Iterable<Row> rows) throws IOException {
        ZipParameters entry = new ZipParameters();
        entry.setFileNameInZip("contacts.csv");
        entry.setEncryptFiles(true);
        entry.setEncryptionMethod(EncryptionMethod.AES);
        entry.setAesKeyStrength(AesKeyStrength.KEY_STRENGTH_256);
        try (OutputStream file = Files.newOutputStream(archive);
             ZipOutputStream zip = new ZipOutputStream(file, password)) {
            zip.putNextEntry(entry);
            Writer text = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
            CSVPrinter csv = new CSVPrinter(text, CSVFormat.DEFAULT.builder()
                    .setHeader(HEADER.toArray(String[]::new)).get());
            for (Row row : rows) {
                csv.printRecord(row.contactId(), row.name(), row.email(), row.phones(), row.tags(), row.status(),
                        row.source(), row.otherIdentities());
            }
            csv.flush();
            zip.closeEntry();
        }
    }
}
