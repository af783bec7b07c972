package io.onecard.http.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.Currencies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes the API's JSON bodies: compact, UTF-8, fields in a fixed order, so that equal values always give
 * equal bytes.
 */
final class JsonBodies {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final int INITIAL_BYTES = 256;

    private JsonBodies() {
    }

    /** Fills one JSON object through a generator. */
    @FunctionalInterface
    interface ObjectWriter {
        void write(JsonGenerator json) throws IOException;
    }

    /** A JSON object whose fields the writer fills. */
    static byte[] object(ObjectWriter writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BYTES);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            writer.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return out.toByteArray();
    }

    /** {@code {"error": {"code": ..., "message": ...}}}. */
    static byte[] error(String code, String message) {
        return object(json -> {
            json.writeObjectFieldStart("error");
            json.writeStringField("code", code);
            json.writeStringField("message", message);
            json.writeEndObject();
        });
    }

    static void cardNumber(JsonGenerator json, long cardNumber) throws IOException {
        json.writeStringField("card_number", CardNumbers.format(cardNumber));
    }

    static void currency(JsonGenerator json, int currency) throws IOException {
        json.writeStringField("currency", Currencies.format(currency));
    }

    /** A string field that is {@code null} when the value is absent or empty. */
    static void optionalString(JsonGenerator json, String name, String value) throws IOException {
        if (value == null || value.isEmpty()) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value);
        }
    }
}
