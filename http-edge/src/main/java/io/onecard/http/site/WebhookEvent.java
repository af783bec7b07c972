package io.onecard.http.site;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One payment event a hosted-checkout provider sends to the webhook, read strictly from its JSON body:
 *
 * <pre>
 * {"payment_id": "pay_123", "order_id": "&lt;32 hex digits&gt;", "outcome": "succeeded", "amount": 2500,
 *  "currency": "EUR"}
 * </pre>
 *
 * <p>Every field is required and no other is accepted; keys may not repeat; {@code amount} is an integer
 * count of minor units (no fraction, no exponent, no string), {@code outcome} is {@code succeeded} or
 * {@code declined}. Anything else is refused with a message naming what was wrong.
 *
 * @param paymentId the provider's id of the payment, 1 to {@value #MAX_PAYMENT_ID_CHARS} of
 *     {@code A-Z a-z 0-9 _ -}; it is the ledger's idempotency key of the issue or recharge
 * @param orderId the site's order
 * @param succeeded true when the money was taken, false when the payment was declined
 * @param amountMinor the amount paid, in minor units
 * @param currency the ISO 4217 code
 */
record WebhookEvent(String paymentId, String orderId, boolean succeeded, long amountMinor, String currency) {
    /** Longest payment id accepted. */
    static final int MAX_PAYMENT_ID_CHARS = 64;
    /** Largest amount accepted, in minor units. */
    static final long MAX_AMOUNT_MINOR = 1_000_000_000_000L;
    private static final Set<String> FIELDS = Set.of("payment_id", "order_id", "outcome", "amount", "currency");
    private static final Pattern PAYMENT_ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_PAYMENT_ID_CHARS + "}");
    private static final Pattern ORDER_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final JsonFactory JSON = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(20).maxNestingDepth(4).build())
        .build();

    /** A body the webhook refuses, and why. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads one event; throws {@link Malformed} naming the first thing wrong. */
    static WebhookEvent parse(byte[] body) throws Malformed {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new Malformed("the body must be a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String name = parser.currentName();
                if (!FIELDS.contains(name)) {
                    throw new Malformed("unknown field: " + printable(name));
                }
                JsonToken value = parser.nextToken();
                if ("amount".equals(name)) {
                    if (value != JsonToken.VALUE_NUMBER_INT
                        || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        throw new Malformed("amount must be an integer count of minor units");
                    }
                    fields.put(name, parser.getLongValue());
                } else if (value == JsonToken.VALUE_STRING) {
                    fields.put(name, parser.getText());
                } else {
                    throw new Malformed(name + " must be a string");
                }
            }
            if (parser.nextToken() != null) {
                throw new Malformed("unexpected content after the JSON object");
            }
        } catch (IOException e) {
            throw new Malformed("the body is not valid JSON");
        }
        return of(fields);
    }

    private static WebhookEvent of(Map<String, Object> fields) throws Malformed {
        for (String name : FIELDS) {
            if (!fields.containsKey(name)) {
                throw new Malformed("missing field: " + name);
            }
        }
        String paymentId = (String) fields.get("payment_id");
        String orderId = (String) fields.get("order_id");
        String outcome = (String) fields.get("outcome");
        long amount = (Long) fields.get("amount");
        String currency = (String) fields.get("currency");
        if (!PAYMENT_ID.matcher(paymentId).matches()) {
            throw new Malformed("payment_id must be 1 to " + MAX_PAYMENT_ID_CHARS + " of A-Z a-z 0-9 _ -");
        }
        if (!ORDER_ID.matcher(orderId).matches()) {
            throw new Malformed("order_id must be 32 lowercase hexadecimal digits");
        }
        if (!"succeeded".equals(outcome) && !"declined".equals(outcome)) {
            throw new Malformed("outcome must be succeeded or declined");
        }
        if (amount < 1 || amount > MAX_AMOUNT_MINOR) {
            throw new Malformed("amount must be from 1 to " + MAX_AMOUNT_MINOR);
        }
        if (!CURRENCY.matcher(currency).matches()) {
            throw new Malformed("currency must be three capital letters");
        }
        return new WebhookEvent(paymentId, orderId, "succeeded".equals(outcome), amount, currency);
    }

    private static String printable(String name) {
        String shown = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        return shown.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
