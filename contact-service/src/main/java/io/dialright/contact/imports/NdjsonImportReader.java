package io.dialright.contact.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One JSON object per line: {@code name}, {@code phone} or {@code phones} (a string, or an array of numbers or of
 * {@code {number, label, comment}}), and optionally {@code email}, {@code tags} (array or string), {@code source} (a
 * channel, or {@code {channel, campaign}}), {@code campaign}, {@code status}, {@code timeZone}. Blank lines are
 * skipped; a line that is not a JSON object is rejected on its own, the rest of the file still imports.
 */
final class NdjsonImportReader implements ImportReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedReader reader;
    private long line;

    NdjsonImportReader(Path file, Charset charset) throws IOException {
        this.reader = Files.newBufferedReader(file, charset);
    }

    @Override
    public RawRow next() throws IOException {
        String text;
        do {
            text = reader.readLine();
            line++;
            if (text == null) {
                return null;
            }
        } while (text.isBlank());
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return RawRow.unreadable(line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return RawRow.unreadable(line, "each line must be one JSON object");
        }
        JsonNode source = node.path("source");
        return new RawRow(line, text(node, "name"), phones(node), text(node, "email"), tags(node),
                source.isObject() ? text(source, "channel") : text(node, "source"),
                source.isObject() ? text(source, "campaign") : text(node, "campaign"), text(node, "status"),
                text(node, "timeZone"), null);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }

    /**
     * {@code phones} (or {@code phone}): one string of numbers separated by {@code ;} or {@code |}, or an array of
     * numbers or of {@code {number, label?, comment?}} as {@code POST /api/contacts} takes them.
     */
    private static List<RawRow.Phone> phones(JsonNode node) {
        JsonNode value = node.has("phones") ? node.path("phones") : node.path("phone");
        List<RawRow.Phone> phones = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> {
                JsonNode number = item.isObject() ? item.path("number") : item;
                if (number.isValueNode() && !number.asText().isBlank()) {
                    phones.add(new RawRow.Phone(number.asText().strip(), text(item, "label"), text(item, "comment")));
                }
            });
        } else if (value.isValueNode() && !value.isNull()) {
            ListCells.split(value.asText()).forEach(number -> phones.add(RawRow.Phone.of(number)));
        }
        return phones;
    }

    private static List<String> tags(JsonNode node) {
        JsonNode value = node.path("tags");
        List<String> tags = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(item -> {
                if (item.isValueNode() && !item.asText().isBlank()) {
                    tags.add(item.asText().strip());
                }
            });
        } else if (value.isValueNode() && !value.isNull()) {
            tags.addAll(ListCells.splitTags(value.asText()));
        }
        return tags;
    }
}
