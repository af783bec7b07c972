package io.onecard.http.api;

import io.netty.buffer.ByteBuf;
import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.Currencies;
import io.onecard.core.card.EmailAddresses;
import io.onecard.core.card.PinSecret;
import io.onecard.core.ledger.Command;
import java.util.Map;

/**
 * The request bodies of the settlement API, each read and checked against its named limits.
 *
 * <p>Everything a body says reaches the ledger's command, so the ledger's idempotency check (which compares
 * command content) sees a different body under the same key as a conflict. Amounts are minor units from 1
 * to {@link Command#MAX_AMOUNT_MINOR} (0 is allowed for a card issue); texts have at most
 * {@link Command#MAX_REFERENCE_LENGTH} characters and no control characters.
 */
final class RequestBodies {
    private static final Map<String, JsonBody.Kind> ISSUE_FIELDS = Map.of(
        "amount", JsonBody.Kind.INTEGER, "currency", JsonBody.Kind.STRING, "pin", JsonBody.Kind.STRING,
        "expires_on", JsonBody.Kind.STRING, "owner_email", JsonBody.Kind.STRING);
    private static final Map<String, JsonBody.Kind> RECHARGE_FIELDS = Map.of(
        "amount", JsonBody.Kind.INTEGER, "currency", JsonBody.Kind.STRING, "reference", JsonBody.Kind.STRING);
    private static final Map<String, JsonBody.Kind> AUTHORIZATION_FIELDS = Map.of(
        "card_number", JsonBody.Kind.STRING, "pin", JsonBody.Kind.STRING, "amount", JsonBody.Kind.INTEGER,
        "currency", JsonBody.Kind.STRING, "description", JsonBody.Kind.STRING,
        "expires_in_seconds", JsonBody.Kind.INTEGER);
    private static final Map<String, JsonBody.Kind> DEBIT_FIELDS = Map.of(
        "card_number", JsonBody.Kind.STRING, "pin", JsonBody.Kind.STRING, "amount", JsonBody.Kind.INTEGER,
        "currency", JsonBody.Kind.STRING, "description", JsonBody.Kind.STRING);
    private static final Map<String, JsonBody.Kind> CAPTURE_FIELDS = Map.of("amount", JsonBody.Kind.INTEGER);
    private static final Map<String, JsonBody.Kind> REFUND_FIELDS = Map.of(
        "transaction_id", JsonBody.Kind.STRING, "amount", JsonBody.Kind.INTEGER);
    private static final Map<String, JsonBody.Kind> NO_FIELDS = Map.of();

    /** {@code POST /v1/cards}. */
    record IssueCard(long amountMinor, int currency, String pin, int expiresOnEpochDay, String ownerEmail) {
    }

    /** {@code POST /v1/cards/{card_number}/recharges}. */
    record Recharge(long amountMinor, int currency, String reference) {
    }

    /** {@code POST /v1/authorizations} and {@code POST /v1/debits}; a debit has no hold length. */
    record Spend(long cardNumber, String pin, long amountMinor, int currency, String reference, long holdSeconds) {
    }

    /** {@code POST /v1/authorizations/{id}/capture}: everything unless an amount is given. */
    record Capture(boolean full, long amountMinor) {
    }

    /** {@code POST /v1/refunds}. */
    record Refund(long transactionId, long amountMinor) {
    }

    IssueCard issueCard(ByteBuf content) {
        JsonBody body = JsonBody.parse(content, ISSUE_FIELDS);
        long amount = amount(body, true);
        int currency = currency(body);
        String pin = body.string("pin");
        if (pin != null && !PinSecret.isValidPin(pin)) {
            throw RequestRefused.invalid("pin must be 4 to 8 digits");
        }
        int expiresOn = Command.NO_EXPIRY;
        if (body.has("expires_on")) {
            expiresOn = ApiFormats.parseDate(body.string("expires_on"));
            if (expiresOn <= Command.NO_EXPIRY) {
                throw RequestRefused.invalid("expires_on must be a date YYYY-MM-DD after 1970-01-01");
            }
        }
        String ownerEmail = body.string("owner_email");
        if (ownerEmail != null && !EmailAddresses.isValid(ownerEmail)) {
            throw RequestRefused.invalid("owner_email must be an e-mail address of at most "
                + Command.MAX_OWNER_EMAIL_LENGTH + " characters");
        }
        return new IssueCard(amount, currency, pin, expiresOn, ownerEmail);
    }

    Recharge recharge(ByteBuf content) {
        JsonBody body = JsonBody.parse(content, RECHARGE_FIELDS);
        return new Recharge(amount(body, false), currency(body), text(body, "reference"));
    }

    Spend authorization(ByteBuf content) {
        JsonBody body = JsonBody.parse(content, AUTHORIZATION_FIELDS);
        long holdSeconds = body.integer("expires_in_seconds", 0);
        if (body.has("expires_in_seconds") && (holdSeconds < 1 || holdSeconds > SettlementApi.MAX_EXPIRES_IN_SECONDS)) {
            throw RequestRefused.invalid("expires_in_seconds must be 1 to " + SettlementApi.MAX_EXPIRES_IN_SECONDS);
        }
        return spend(body, holdSeconds);
    }

    Spend debit(ByteBuf content) {
        return spend(JsonBody.parse(content, DEBIT_FIELDS), 0);
    }

    private static Spend spend(JsonBody body, long holdSeconds) {
        long cardNumber = CardNumbers.parse(body.requiredString("card_number"));
        if (cardNumber == CardNumbers.NONE) {
            throw RequestRefused.invalid("card_number must be 16 digits with a valid check digit");
        }
        String pin = body.requiredString("pin");
        if (!PinSecret.isValidPin(pin)) {
            throw RequestRefused.invalid("pin must be 4 to 8 digits");
        }
        return new Spend(cardNumber, pin, amount(body, false), currency(body), text(body, "description"),
            holdSeconds);
    }

    Capture capture(ByteBuf content) {
        JsonBody body = JsonBody.parse(content, CAPTURE_FIELDS);
        if (!body.has("amount")) {
            return new Capture(true, 0);
        }
        return new Capture(false, amount(body, false));
    }

    Refund refund(ByteBuf content) {
        JsonBody body = JsonBody.parse(content, REFUND_FIELDS);
        long transactionId = ApiFormats.parseId(body.requiredString("transaction_id"), ApiFormats.TRANSACTION_PREFIX);
        if (transactionId == 0) {
            throw RequestRefused.invalid("transaction_id must be an id like tx_123");
        }
        return new Refund(transactionId, amount(body, false));
    }

    /** For routes without a body: nothing, or an empty JSON object. */
    void requireEmpty(ByteBuf content) {
        JsonBody.parse(content, NO_FIELDS);
    }

    private static long amount(JsonBody body, boolean zeroAllowed) {
        long amount = body.requiredInteger("amount");
        long min = zeroAllowed ? 0 : 1;
        if (amount < min || amount > Command.MAX_AMOUNT_MINOR) {
            throw RequestRefused.invalid("amount must be " + min + " to " + Command.MAX_AMOUNT_MINOR + " minor units");
        }
        return amount;
    }

    private static int currency(JsonBody body) {
        int currency = Currencies.parse(body.requiredString("currency"));
        if (currency == Currencies.NONE) {
            throw RequestRefused.invalid("currency must be an ISO 4217 code such as EUR");
        }
        return currency;
    }

    /** An optional text: at most the reference limit, no control characters; empty counts as absent. */
    private static String text(JsonBody body, String name) {
        String value = body.string(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > Command.MAX_REFERENCE_LENGTH) {
            throw RequestRefused.invalid(name + " must have at most " + Command.MAX_REFERENCE_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw RequestRefused.invalid(name + " must not contain control characters");
            }
        }
        return value;
    }
}
