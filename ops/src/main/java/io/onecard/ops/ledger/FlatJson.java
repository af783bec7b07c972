package io.onecard.ops.ledger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the small JSON objects of the settlement API into {@code name -> text}, nested objects flattened
 * with dots ({@code error.code}). Arrays are skipped, except where {@link #strings} reads one of strings.
 */
public final class FlatJson {
    /** Largest response body read, in bytes. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final JsonFactory FACTORY = new JsonFactory();

    private FlatJson() {
    }

    /** The fields of one JSON object; {@link IllegalStateException} when it is not one. */
    public static Map<String, String> parse(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw new IllegalStateException("the server's answer is larger than " + MAX_BYTES + " bytes");
        }
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("the server's answer is not a JSON object");
            }
            readObject(parser, "", fields);
        } catch (IOException e) {
            throw new IllegalStateException("the server's answer is not valid JSON: " + e.getMessage(), e);
        }
        return fields;
    }

    /**
     * The strings of one array field at the top level of a JSON object, at most {@code max} of them; empty
     * when the field is absent.
     */
    public static List<String> strings(byte[] body, String name, int max) {
        if (body.length > MAX_BYTES) {
            throw new IllegalStateException("the server's answer is larger than " + MAX_BYTES + " bytes");
        }
        List<String> values = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("the server's answer is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = name.equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (wanted && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.VALUE_STRING && values.size() < max) {
                        values.add(parser.getText());
                    }
                    return values;
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            throw new IllegalStateException("the server's answer is not valid JSON: " + e.getMessage(), e);
        }
        return values;
    }

    private static void readObject(JsonParser parser, String prefix, Map<String, String> fields) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = prefix + parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT) {
                readObject(parser, name + ".", fields);
            } else if (value == JsonToken.START_ARRAY) {
                parser.skipChildren();
            } else if (value != JsonToken.VALUE_NULL) {
                fields.put(name, parser.getText());
            }
        }
    }
}
