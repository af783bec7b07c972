package io.onecard.http.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.onecard.core.card.PinSecret;
import io.onecard.core.ledger.ResultCode;
import io.onecard.core.ledger.TransactionType;
import java.io.IOException;

/**
 * Turns a ledger outcome into the API's answer for a route.
 *
 * <p>Reads only the outcome (and, for a card issued with a PIN of the client's choosing, that PIN, which a
 * replay must repeat to be a replay at all), so a replayed outcome gives the first answer byte for byte.
 */
final class OutcomeRenderer {
    private final PinSecret pinSecret;

    OutcomeRenderer(PinSecret pinSecret) {
        this.pinSecret = pinSecret;
    }

    /**
     * The answer to a route's command.
     *
     * @param requestPin for {@link Route#ISSUE_CARD}: the PIN the client chose, or {@code null}
     */
    ApiResponse render(Route route, Outcome outcome, String requestPin) {
        if (outcome.code != ResultCode.OK) {
            return ApiResponse.error(errorOf(outcome.code));
        }
        return switch (route) {
            case ISSUE_CARD -> ApiResponse.json(HttpResponseStatus.CREATED, issued(outcome, requestPin));
            case GET_CARD -> ApiResponse.json(HttpResponseStatus.OK, card(outcome));
            case RECHARGE, DEBIT -> ApiResponse.json(HttpResponseStatus.CREATED, charged(outcome));
            case BLOCK_CARD, UNBLOCK_CARD, CLOSE_CARD -> ApiResponse.json(HttpResponseStatus.OK, status(outcome));
            case TRANSACTIONS -> ApiResponse.json(HttpResponseStatus.OK, history(outcome));
            case AUTHORIZE -> ApiResponse.json(HttpResponseStatus.CREATED, authorized(outcome));
            case CAPTURE -> ApiResponse.json(HttpResponseStatus.OK, captured(outcome));
            case VOID -> ApiResponse.json(HttpResponseStatus.OK, voided(outcome));
            case REFUND -> ApiResponse.json(HttpResponseStatus.CREATED, refunded(outcome));
            default -> throw new IllegalArgumentException("no ledger command for " + route);
        };
    }

    /** The API error for a ledger failure. */
    static ApiError errorOf(ResultCode code) {
        return switch (code) {
            case CARD_DECLINED -> ApiError.CARD_DECLINED;
            case INSUFFICIENT_FUNDS -> ApiError.INSUFFICIENT_FUNDS;
            case UNKNOWN_CARD, NOT_FOUND -> ApiError.NOT_FOUND;
            case INVALID_STATE -> ApiError.INVALID_STATE;
            case IDEMPOTENCY_CONFLICT -> ApiError.IDEMPOTENCY_CONFLICT;
            case CURRENCY_MISMATCH -> ApiError.CURRENCY_MISMATCH;
            case INVALID_REQUEST -> ApiError.INVALID_REQUEST;
            case CAPACITY_EXCEEDED -> ApiError.CAPACITY_EXCEEDED;
            case OVERLOADED -> ApiError.OVERLOADED;
            default -> ApiError.INTERNAL_ERROR;
        };
    }

    private byte[] issued(Outcome outcome, String requestPin) {
        String pin = outcome.pinGenerated ? pinSecret.derivePin(outcome.cardNumber, outcome.salt) : requestPin;
        return JsonBodies.object(json -> {
            JsonBodies.cardNumber(json, outcome.cardNumber);
            json.writeStringField("pin", pin);
            json.writeStringField("status", outcome.cardStatus.apiName());
            JsonBodies.currency(json, outcome.currency);
            balances(json, outcome);
        });
    }

    private static byte[] card(Outcome outcome) {
        return JsonBodies.object(json -> {
            JsonBodies.cardNumber(json, outcome.cardNumber);
            json.writeStringField("status", outcome.cardStatus.apiName());
            JsonBodies.currency(json, outcome.currency);
            balances(json, outcome);
            if (outcome.expiresOnEpochDay == 0) {
                json.writeNullField("expires_on");
            } else {
                json.writeStringField("expires_on", ApiFormats.date(outcome.expiresOnEpochDay));
            }
        });
    }

    private static void balances(JsonGenerator json, Outcome outcome) throws IOException {
        json.writeNumberField("balance", outcome.balance);
        json.writeNumberField("held", outcome.held);
        json.writeNumberField("available", outcome.available());
    }

    private static byte[] charged(Outcome outcome) {
        return JsonBodies.object(json -> {
            json.writeStringField("transaction_id", ApiFormats.transactionId(outcome.transactionId));
            json.writeNumberField("balance", outcome.balance);
            json.writeNumberField("available", outcome.available());
        });
    }

    private static byte[] status(Outcome outcome) {
        return JsonBodies.object(json -> {
            JsonBodies.cardNumber(json, outcome.cardNumber);
            json.writeStringField("status", outcome.cardStatus.apiName());
        });
    }

    private static byte[] history(Outcome outcome) {
        return JsonBodies.object(json -> {
            json.writeArrayFieldStart("items");
            for (Outcome.Entry item : outcome.items) {
                historyItem(json, item);
            }
            json.writeEndArray();
            if (outcome.nextCursor == 0) {
                json.writeNullField("next_cursor");
            } else {
                json.writeStringField("next_cursor", Long.toString(outcome.nextCursor));
            }
        });
    }

    private static void historyItem(JsonGenerator json, Outcome.Entry item) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", ApiFormats.historyId(item.type, item.id));
        json.writeStringField("type", item.type.apiName());
        json.writeNumberField("amount", item.amountMinor);
        json.writeNumberField("balance_after", item.balanceAfter);
        json.writeNumberField("available_after", item.availableAfter);
        json.writeStringField("created_at", ApiFormats.timestamp(item.createdAtMillis));
        json.writeStringField("channel", item.channel.apiName());
        JsonBodies.optionalString(json, "reference", item.reference);
        if (item.type == TransactionType.CALL) {
            JsonBodies.optionalString(json, "call_id", item.callId);
            JsonBodies.optionalString(json, "dialled", item.dialled);
            json.writeNumberField("billed_seconds", item.billedSeconds);
        }
        json.writeEndObject();
    }

    private static byte[] authorized(Outcome outcome) {
        return JsonBodies.object(json -> {
            json.writeStringField("authorization_id", ApiFormats.authorizationId(outcome.holdId));
            json.writeStringField("status", "held");
            json.writeNumberField("amount", outcome.amountMinor);
            json.writeStringField("expires_at", ApiFormats.timestamp(outcome.expiresAtMillis));
            json.writeNumberField("available", outcome.available());
        });
    }

    private static byte[] captured(Outcome outcome) {
        return JsonBodies.object(json -> {
            json.writeStringField("authorization_id", ApiFormats.authorizationId(outcome.holdId));
            json.writeStringField("status", "captured");
            json.writeNumberField("captured", outcome.capturedMinor);
            json.writeNumberField("released", outcome.releasedMinor);
            json.writeStringField("transaction_id", ApiFormats.transactionId(outcome.transactionId));
            json.writeNumberField("balance", outcome.balance);
            json.writeNumberField("available", outcome.available());
        });
    }

    private static byte[] voided(Outcome outcome) {
        return JsonBodies.object(json -> {
            json.writeStringField("authorization_id", ApiFormats.authorizationId(outcome.holdId));
            json.writeStringField("status", "voided");
            json.writeNumberField("released", outcome.releasedMinor);
            json.writeNumberField("available", outcome.available());
        });
    }

    private static byte[] refunded(Outcome outcome) {
        return JsonBodies.object(json -> {
            json.writeStringField("refund_id", ApiFormats.refundId(outcome.refundId));
            json.writeStringField("transaction_id", ApiFormats.transactionId(outcome.transactionId));
            json.writeNumberField("amount", outcome.amountMinor);
            json.writeNumberField("balance", outcome.balance);
            json.writeNumberField("available", outcome.available());
        });
    }
}
