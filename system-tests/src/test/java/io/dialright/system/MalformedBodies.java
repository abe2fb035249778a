package io.dialright.system;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * Broken request bodies for one operation: broken JSON of every kind (empty, cut off, the wrong top-level value,
 * 10,000 levels of nesting, invalid UTF-8, duplicate keys, numbers no parser should hold), and, built from the
 * operation's OpenAPI schema, a plausible body with one field at a time given a value of the wrong type, a date that
 * does not exist, an enum constant that does not exist, unknown fields, a string as large as the gateway lets
 * through and a body just over its limit. Deterministic for a seed.
 */
final class MalformedBodies {

    /** The gateway's standard body limit (gateway README, {@code body-limits.standard}). */
    static final int GATEWAY_LIMIT = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int NESTING = 10_000;

    /**
     * @param label          what is wrong with the body, as a failure message names it
     * @param contentType    the Content-Type header, {@code null} to send none
     * @param expectedStatus the only acceptable answer, or 0 when any client error or success is acceptable
     */
    record Body(String label, String contentType, byte[] bytes, int expectedStatus) {
    }

    private final Random random;
    private final List<Body> bodies = new ArrayList<>();

    private MalformedBodies(long seed) {
        this.random = new Random(seed);
    }

    /**
     * @param contentType the media type the operation declares (JSON when it declares none or a wildcard)
     * @param schema      the operation's request schema, missing when it documents no body
     * @param overLimitChecked whether the gateway's standard limit applies to the path (uploads have a larger one)
     */
    static List<Body> of(long seed, String contentType, JsonNode schema, boolean overLimitChecked) {
        MalformedBodies malformed = new MalformedBodies(seed);
        String type = contentType == null || contentType.contains("*") ? "application/json" : contentType;
        malformed.brokenJson(type);
        boolean documented = schema.isObject() && "object".equals(typeOf(schema));
        // A fresh plausible body for each variant (new ids, another number): a variant that is accepted must not
        // turn the next ones into repeats that store nothing (a second opt-out of one number is a no-op).
        Supplier<ObjectNode> samples = () -> (ObjectNode) malformed.sample(schema, "");
        malformed.wrongMediaTypes(documented ? text(samples.get()) : "{}");
        if (documented) {
            malformed.wrongFieldValues(type, schema, samples);
            malformed.unknownAndDuplicateFields(type, samples);
            malformed.huge(type, schema, samples, overLimitChecked);
        } else if (overLimitChecked) {
            malformed.add("a JSON string over the gateway's limit", type, jsonString(GATEWAY_LIMIT + 1000), 413);
        }
        return malformed.bodies;
    }

    private void brokenJson(String type) {
        add("an empty body", type, new byte[0]);
        for (String text : List.of("{", "}", "[", "[]", "null", "\"str\"", "123", "true", "-0", "1e999", "{}",
                "{\"a\":}", "{\"a\" 1}", "{'a': 1}", "{a: 1}", "{\"a\": 1,}", "[1, 2,]", "{} {}", "{}x",
                "/* comment */ {}", "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 0x10}", "{\"a\": 01}",
                "{\"a\": \"unterminated", "{\"a\": \"\u0001 raw control\"}", "{\"a\": \"\\uZZZZ\"}",
                "\uFEFF{}", "   ", "\u0000", "{\"\u0000\": 1}")) {
            add("JSON " + text, type, text.getBytes(StandardCharsets.UTF_8));
        }
        add("arrays nested " + NESTING + " deep", type,
                ("[".repeat(NESTING) + "]".repeat(NESTING)).getBytes(StandardCharsets.UTF_8));
        add("objects nested " + NESTING + " deep", type,
                ("{\"a\":".repeat(NESTING) + "1" + "}".repeat(NESTING)).getBytes(StandardCharsets.UTF_8));
        add("a number of 100,000 digits", type, "9".repeat(100_000).getBytes(StandardCharsets.UTF_8));
        add("a field name of 100,000 characters", type,
                ("{\"" + "k".repeat(100_000) + "\": 1}").getBytes(StandardCharsets.UTF_8));
        add("a lone continuation byte", type, new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0x80, '"', '}'});
        add("an overlong encoding of '/'", type,
                new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'});
        add("a cut-off two-byte sequence", type, new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'});
        add("bytes 0xFF 0xFE", type, new byte[]{(byte) 0xFF, (byte) 0xFE, '{', '}'});
        add("an encoded surrogate (CESU-8)", type,
                new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'});
    }

    private void wrongMediaTypes(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        add("JSON sent as text/plain", "text/plain", bytes);
        add("XML", "application/xml", "<contact><name>x</name></contact>".getBytes(StandardCharsets.UTF_8));
        add("JSON without a Content-Type", null, bytes);
        add("a form", "application/x-www-form-urlencoded", "phone=%2B79161234567".getBytes(StandardCharsets.UTF_8));
        add("multipart without parts", "multipart/form-data; boundary=x", "--x--".getBytes(StandardCharsets.UTF_8));
        add("JSON with an unknown charset", "application/json; charset=no-such-charset", bytes);
        add("UTF-8 JSON declared as UTF-16", "application/json; charset=UTF-16", bytes);
        add("a Content-Type that is not a media type", "json", bytes);
        add("a Content-Type with a broken parameter", "application/json; charset", bytes);
    }

    /** One field at a time (nested ones and the first element of arrays included) gets each value it must refuse. */
    private void wrongFieldValues(String type, JsonNode schema, Supplier<ObjectNode> samples) {
        for (Map.Entry<String, JsonNode> field : fields(schema, "").entrySet()) {
            for (JsonNode wrong : wrongValues(field.getValue())) {
                ObjectNode body = samples.get();
                if (replace(body, field.getKey(), wrong)) {
                    add("field " + field.getKey() + " = " + text(wrong), type, text(body));
                }
            }
        }
    }

    private void unknownAndDuplicateFields(String type, Supplier<ObjectNode> samples) {
        ObjectNode unknown = samples.get();
        unknown.put("noSuchField", "x");
        unknown.set("id", NODES.textNode(UUID.randomUUID().toString()));
        unknown.set("__proto__", NODES.objectNode().put("admin", true));
        add("unknown fields", type, text(unknown));
        ObjectNode sample = samples.get();
        Iterator<String> names = sample.fieldNames();
        if (names.hasNext()) {
            String first = names.next();
            String json = text(sample);
            add("the key '" + first + "' twice", type,
                    "{\"" + first + "\": [\"first\"], " + json.substring(1));
        }
    }

    private void huge(String type, JsonNode schema, Supplier<ObjectNode> samples, boolean overLimitChecked) {
        String field = fields(schema, "").entrySet().stream()
                .filter(entry -> "string".equals(typeOf(entry.getValue())) && !entry.getValue().has("enum")
                        && !entry.getValue().has("format"))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (field != null) {
            ObjectNode body = samples.get();
            int size = text(body).length();
            replace(body, field, NODES.textNode("x".repeat(GATEWAY_LIMIT - size - 2048)));
            add("field " + field + " of almost 1 MB", type, text(body));
            if (overLimitChecked) {
                ObjectNode over = samples.get();
                replace(over, field, NODES.textNode("x".repeat(GATEWAY_LIMIT + 1000)));
                add("field " + field + " over the gateway's limit", type, text(over).getBytes(StandardCharsets.UTF_8),
                        413);
            }
        } else if (overLimitChecked) {
            add("a JSON string over the gateway's limit", type, jsonString(GATEWAY_LIMIT + 1000), 413);
        }
    }

    /** A plausible value for the schema, so that a single wrong field is the only thing wrong with a body. */
    private JsonNode sample(JsonNode schema, String name) {
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(0);
        }
        String lower = name.toLowerCase();
        return switch (typeOf(schema)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                schema.path("properties").fields().forEachRemaining(property ->
                        object.set(property.getKey(), sample(property.getValue(), property.getKey())));
                yield object;
            }
            case "array" -> NODES.arrayNode().add(sample(schema.path("items"), name));
            case "integer", "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(false);
            default -> switch (schema.path("format").asText()) {
                case "uuid" -> NODES.textNode(new UUID(random.nextLong(), random.nextLong()).toString());
                case "date-time" -> NODES.textNode("2026-11-28T09:15:00Z");
                case "date" -> NODES.textNode("2026-11-28");
                case "local-time", "time" -> NODES.textNode("09:00");
                default -> NODES.textNode(lower.contains("phone") || lower.equals("number")
                        ? "+7916" + (1_000_000 + random.nextInt(9_000_000))
                        : lower.contains("email") ? "fuzz@example.test"
                        : lower.contains("zone") ? "Europe/Moscow"
                        : lower.equals("from") || lower.equals("to") ? "09:00"
                        : "fuzz");
            };
        };
    }

    /**
     * Values a query or path parameter of the schema's type must refuse, as text: the wrong values of a body field,
     * the NUL character, an address too long to pass on, a lone '%' and SQL.
     */
    static List<String> wrongParameterValues(JsonNode schema) {
        List<String> values = new ArrayList<>();
        for (JsonNode wrong : wrongValues(schema)) {
            values.add(wrong.isTextual() ? wrong.asText() : text(wrong));
        }
        values.addAll(List.of("\u0000", "x\u0000y", "x".repeat(5_000), "%", "%zz", "' OR '1'='1", "-1",
                "99999999999999999999", "1e999", "\u202E\uD83D\uDCDE", ".."));
        return values;
    }

    /** What no field of the schema's type may accept. */
    private static List<JsonNode> wrongValues(JsonNode schema) {
        List<JsonNode> wrong = new ArrayList<>();
        wrong.add(NODES.nullNode());
        if (schema.has("enum")) {
            wrong.add(NODES.textNode("NO_SUCH_VALUE"));
            wrong.add(NODES.textNode(schema.get("enum").get(0).asText().toLowerCase() + " "));
            wrong.add(NODES.numberNode(1));
            return wrong;
        }
        switch (typeOf(schema)) {
            case "object" -> {
                wrong.add(NODES.arrayNode().add(1));
                wrong.add(NODES.textNode("x"));
                wrong.add(NODES.objectNode().put("\u0000", "\u0000"));
            }
            case "array" -> {
                wrong.add(NODES.objectNode().put("a", 1));
                wrong.add(NODES.textNode("x"));
                wrong.add(NODES.arrayNode().add(NODES.arrayNode().add(NODES.arrayNode())));
                wrong.add(NODES.arrayNode().addNull());
            }
            case "integer", "number" -> {
                wrong.add(NODES.textNode("abc"));
                wrong.add(NODES.objectNode());
                wrong.add(raw("1e999"));
                wrong.add(raw("-0"));
                wrong.add(raw("9999999999999999999999"));
                wrong.add(raw("-9999999999999999999999.5"));
                wrong.add(NODES.numberNode(1.5));
                wrong.add(NODES.numberNode(-1));
            }
            case "boolean" -> {
                wrong.add(NODES.textNode("yes"));
                wrong.add(NODES.numberNode(2));
            }
            default -> {
                switch (schema.path("format").asText()) {
                    case "date-time" -> {
                        wrong.add(NODES.textNode("2026-13-45T25:61:00Z"));
                        wrong.add(NODES.textNode("+999999999-12-31T23:59:59Z"));
                        wrong.add(NODES.textNode("yesterday"));
                    }
                    case "date" -> {
                        wrong.add(NODES.textNode("2026-13-45"));
                        wrong.add(NODES.textNode("2026-02-30"));
                        wrong.add(NODES.textNode("+999999999-12-31"));
                    }
                    case "uuid" -> {
                        wrong.add(NODES.textNode("not-a-uuid"));
                        wrong.add(NODES.textNode("00000000-0000-0000-0000-00000000000g"));
                    }
                    case "local-time", "time" -> wrong.add(NODES.textNode("25:99"));
                    default -> {
                    }
                }
                wrong.add(NODES.numberNode(123));
                wrong.add(NODES.objectNode().put("a", 1));
                wrong.add(NODES.arrayNode().add("x"));
                wrong.add(NODES.booleanNode(true));
                wrong.add(NODES.textNode(""));
                wrong.add(NODES.textNode("\u0000\u202E\uD83D\uDCDE"));
            }
        }
        return wrong;
    }

    /** Every field's path ({@code phones[0].number}) with its schema, depth first, objects before their fields. */
    private static Map<String, JsonNode> fields(JsonNode schema, String prefix) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        schema.path("properties").fields().forEachRemaining(property -> {
            String path = prefix.isEmpty() ? property.getKey() : prefix + "." + property.getKey();
            JsonNode value = property.getValue();
            fields.put(path, value);
            if ("object".equals(typeOf(value))) {
                fields.putAll(fields(value, path));
            } else if ("array".equals(typeOf(value)) && "object".equals(typeOf(value.path("items")))) {
                fields.putAll(fields(value.path("items"), path + "[0]"));
            }
        });
        return fields;
    }

    /** Puts {@code value} at {@code path} ({@code a.b[0].c}); false if the sample has no such place. */
    private static boolean replace(ObjectNode body, String path, JsonNode value) {
        String[] steps = path.split("\\.");
        JsonNode node = body;
        for (int i = 0; i < steps.length - 1; i++) {
            node = step(node, steps[i]);
            if (node == null) {
                return false;
            }
        }
        String last = steps[steps.length - 1];
        if (last.endsWith("[0]")) {
            JsonNode array = node.get(last.substring(0, last.length() - 3));
            if (!(array instanceof ArrayNode elements) || elements.isEmpty()) {
                return false;
            }
            elements.set(0, value);
            return true;
        }
        if (!(node instanceof ObjectNode object)) {
            return false;
        }
        object.set(last, value);
        return true;
    }

    private static JsonNode step(JsonNode node, String step) {
        if (step.endsWith("[0]")) {
            JsonNode array = node.get(step.substring(0, step.length() - 3));
            return array == null || array.isEmpty() ? null : array.get(0);
        }
        return node.get(step);
    }

    /** The schema's type; OpenAPI 3.1 writes a nullable one as {@code ["string", "null"]}. */
    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (!"null".equals(option.asText())) {
                    return option.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "";
    }

    private static JsonNode raw(String token) {
        return new POJONode(new RawValue(token));
    }

    private static byte[] jsonString(int length) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(length + 2);
        bytes.write('"');
        for (int i = 0; i < length; i++) {
            bytes.write('x');
        }
        bytes.write('"');
        return bytes.toByteArray();
    }

    private static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree built here always serialises", e);
        }
    }

    private void add(String label, String contentType, String body) {
        add(label, contentType, body.getBytes(StandardCharsets.UTF_8), 0);
    }

    private void add(String label, String contentType, byte[] body) {
        add(label, contentType, body, 0);
    }

    private void add(String label, String contentType, byte[] body, int expectedStatus) {
        bodies.add(new Body(label, contentType, body, expectedStatus));
    }
}
