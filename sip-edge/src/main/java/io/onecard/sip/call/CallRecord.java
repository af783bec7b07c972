package io.onecard.sip.call;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.Currencies;
import java.time.Instant;

/**
 * What happened on one call, as written to the CDR file: one JSON object per line.
 *
 * <p>Fields: {@code call_id}, {@code card} (masked), {@code dialled}, {@code currency}, {@code start},
 * {@code answer}, {@code end} (RFC 3339 UTC; {@code answer} is null for unanswered calls), {@code
 * billed_seconds}, {@code amount} (minor units actually charged), {@code ended_by} ({@link EndReason}),
 * {@code sip_status} (the final answer the caller got), {@code settlement} (the ledger's outcome of the
 * capture or void), {@code transaction_id} (the charge, 0 when nothing was charged).
 */
public record CallRecord(String callId, long cardNumber, String dialled, int currency, long startMillis,
    long answerMillis, long endMillis, long billedSeconds, long amountMinor, EndReason endedBy, int sipStatus,
    String settlement, long transactionId) {

    /** This record with the ledger's outcome of the call's capture or void. */
    public CallRecord settled(long charged, String ledgerOutcome, long chargeTransactionId) {
        return new CallRecord(callId, cardNumber, dialled, currency, startMillis, answerMillis, endMillis,
            billedSeconds, charged, endedBy, sipStatus, ledgerOutcome, chargeTransactionId);
    }

    /** The record as one line of JSON, without the line end. */
    public String toJson() {
        StringBuilder json = new StringBuilder(320);
        json.append('{');
        field(json, "call_id", callId).append(',');
        field(json, "card", CardNumbers.mask(cardNumber)).append(',');
        field(json, "dialled", dialled).append(',');
        field(json, "currency", currency == Currencies.NONE ? null : Currencies.format(currency)).append(',');
        field(json, "start", time(startMillis)).append(',');
        field(json, "answer", time(answerMillis)).append(',');
        field(json, "end", time(endMillis)).append(',');
        json.append("\"billed_seconds\":").append(billedSeconds).append(',');
        json.append("\"amount\":").append(amountMinor).append(',');
        field(json, "ended_by", endedBy.apiName()).append(',');
        json.append("\"sip_status\":").append(sipStatus).append(',');
        field(json, "settlement", settlement).append(',');
        json.append("\"transaction_id\":").append(transactionId);
        return json.append('}').toString();
    }

    /** True when {@code line} is a record of the call {@code id}. */
    static boolean isOf(String line, String id) {
        return line.startsWith(field(new StringBuilder("{"), "call_id", id).append(',').toString());
    }

    private static String time(long millis) {
        return millis <= 0 ? null : Instant.ofEpochMilli(millis).toString();
    }

    private static StringBuilder field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":");
        if (value == null) {
            return json.append("null");
        }
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"');
    }
}
