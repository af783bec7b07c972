package io.onecard.http.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A request body: one flat JSON object whose fields are strings or integers, read strictly.
 *
 * <p>Refused with {@code invalid_request}: anything but one object (arrays, trailing content, an empty body
 * where fields are required), unknown fields, duplicate keys, nested values, fractions and exponents,
 * integers beyond a {@code long}, numbers longer than {@link #MAX_NUMBER_DIGITS} digits, and invalid UTF-8.
 * A JSON {@code null} counts as an absent field.
 */
final class JsonBody {
    /** Longest number accepted in a body; a {@code long} has at most 19 digits and a sign. */
    static final int MAX_NUMBER_DIGITS = 20;
    /** Deepest nesting the parser follows before it gives up (the body itself is flat). */
    static final int MAX_NESTING_DEPTH = 8;

    private static final JsonFactory FACTORY = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNumberLength(MAX_NUMBER_DIGITS)
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .build())
        .build();

    /** The kind of value a field holds. */
    enum Kind {
        STRING,
        INTEGER
    }

    private final Map<String, Object> values;

    private JsonBody(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Reads a body against the fields one route allows.
     *
     * @param content the body; empty means "no fields"
     * @param allowed field name to kind; any other field is refused
     * @throws RequestRefused when the body breaks any rule above
     */
    static JsonBody parse(ByteBuf content, Map<String, Kind> allowed) {
        Map<String, Object> values = new HashMap<>();
        if (!content.isReadable()) {
            return new JsonBody(values);
        }
        byte[] bytes = ByteBufUtil.getBytes(content);
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw RequestRefused.invalid("the body must be a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String name = parser.currentName();
                Kind kind = allowed.get(name);
                if (kind == null) {
                    throw RequestRefused.invalid("unknown field: " + printable(name));
                }
                Object value = readValue(parser, name, kind);
                if (value != null) {
                    values.put(name, value);
                }
            }
            if (parser.nextToken() != null) {
                throw RequestRefused.invalid("unexpected content after the JSON object");
            }
        } catch (JsonProcessingException malformed) {
            throw RequestRefused.invalid("malformed JSON");
        } catch (IOException unreadable) {
            throw RequestRefused.invalid("unreadable body");
        }
        return new JsonBody(values);
    }

    private static Object readValue(JsonParser parser, String name, Kind kind) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (kind == Kind.STRING) {
            if (token != JsonToken.VALUE_STRING) {
                throw RequestRefused.invalid(name + " must be a string");
            }
            return parser.getText();
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw RequestRefused.invalid(name + " must be an integer");
        }
        JsonParser.NumberType type = parser.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw RequestRefused.invalid(name + " is out of range");
        }
        return parser.getLongValue();
    }

    private static String printable(String name) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < name.length() && i < 32; i++) {
            char c = name.charAt(i);
            text.append(c >= ' ' && c < 0x7F ? c : '?');
        }
        return text.toString();
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The string value, or {@code null} when absent. */
    String string(String name) {
        return (String) values.get(name);
    }

    /** The string value; refused when absent. */
    String requiredString(String name) {
        String value = string(name);
        if (value == null) {
            throw RequestRefused.invalid(name + " is required");
        }
        return value;
    }

    /** The integer value; refused when absent. */
    long requiredInteger(String name) {
        Long value = (Long) values.get(name);
        if (value == null) {
            throw RequestRefused.invalid(name + " is required");
        }
        return value;
    }

    /** The integer value, or {@code absent} when the field is missing. */
    long integer(String name, long absent) {
        Long value = (Long) values.get(name);
        return value == null ? absent : value;
    }
}
