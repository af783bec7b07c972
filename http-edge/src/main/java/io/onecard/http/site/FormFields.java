package io.onecard.http.site;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The fields of a submitted form ({@code application/x-www-form-urlencoded}), each limited in length.
 * A field sent twice keeps its first value.
 */
final class FormFields {
    /** Most fields one form may send. */
    static final int MAX_FIELDS = 16;
    /** Longest value of any field, in characters; a longer one reads as missing. */
    static final int MAX_VALUE_LENGTH = 512;

    private final Map<String, List<String>> fields;

    private FormFields(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    static FormFields parse(ByteBuf body) {
        String text = body.toString(StandardCharsets.UTF_8);
        return new FormFields(new QueryStringDecoder(text, StandardCharsets.UTF_8, false, MAX_FIELDS).parameters());
    }

    /** The field's value, or {@code null} when it is missing or too long. */
    String get(String name) {
        List<String> values = fields.get(name);
        if (values == null || values.isEmpty() || values.get(0).length() > MAX_VALUE_LENGTH) {
            return null;
        }
        return values.get(0);
    }

    /** The field's value with every character but the digits removed ({@code 4242 4242 ...}), or "". */
    String digits(String name) {
        String value = get(name);
        if (value == null) {
            return "";
        }
        StringBuilder digits = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }
}
