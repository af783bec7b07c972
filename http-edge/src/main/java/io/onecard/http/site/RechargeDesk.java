package io.onecard.http.site;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.CardStatus;
import io.onecard.core.card.Currencies;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Result;
import io.onecard.http.CoreAccess;
import io.onecard.http.api.FailedAttempts;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recharge form: card number and amount in, then the payment form of an order that pays into that card.
 *
 * <p>The card is looked up before any payment is asked for, so that money is never taken for a card that
 * cannot receive it; the recharge is in the card's own currency. A number that names no usable card counts
 * as a failed attempt of the client address, like a wrong PIN on the balance page, so the form cannot be
 * used to find out which cards exist faster than the balance page allows.
 */
final class RechargeDesk {
    static final String NOT_RECHARGEABLE = "This card number cannot be recharged.";

    private final CoreAccess ledger;
    private final PageMaker pages;
    private final OrderBook orders;
    private final FailedAttempts failedAttempts;

    RechargeDesk(CoreAccess ledger, PageMaker pages, OrderBook orders, FailedAttempts failedAttempts) {
        this.ledger = ledger;
        this.pages = pages;
        this.orders = orders;
        this.failedAttempts = failedAttempts;
    }

    SitePage form(Visit visit, int status, Map<String, Object> typed, List<String> errors) {
        Map<String, Object> values = new HashMap<>(typed);
        values.put("errors", errors);
        values.put("minValue", MoneyText.format(MoneyText.MIN_VALUE_MINOR));
        values.put("maxValue", MoneyText.format(MoneyText.MAX_VALUE_MINOR));
        return pages.page(visit, status, "Recharge a card", "recharge", values);
    }

    /** Answers a submitted recharge form with the payment form, or the form again with what was wrong. */
    void check(Visit visit, FormFields form, InetAddress client, PageReply reply) {
        Map<String, Object> typed = Map.of("amount", form.get("amount") == null ? "" : form.get("amount"));
        if (client != null && failedAttempts.isBlocked(client)) {
            reply.send(() -> form(visit, 429, typed, List.of(BalanceDesk.TOO_MANY)));
            return;
        }
        long amountMinor = MoneyText.parseMinor(form.get("amount"));
        if (amountMinor < MoneyText.MIN_VALUE_MINOR || amountMinor > MoneyText.MAX_VALUE_MINOR) {
            reply.send(() -> form(visit, 400, typed, List.of("The amount must be from "
                + MoneyText.format(MoneyText.MIN_VALUE_MINOR) + " to " + MoneyText.format(MoneyText.MAX_VALUE_MINOR)
                + ".")));
            return;
        }
        long cardNumber = CardNumbers.parse(form.digits("card"));
        if (cardNumber == CardNumbers.NONE) {
            refused(visit, client, typed, reply);
            return;
        }
        boolean published = ledger.sink().tryPublish(command -> command.type(CommandType.QUERY_CARD)
                .channel(Channel.SITE).cardNumber(cardNumber),
            GuardedListener.guard(command -> {
                String currency = usableCurrency(command.result());
                if (currency == null) {
                    refused(visit, client, typed, reply);
                } else {
                    orders.open(amountMinor, currency, null, cardNumber, null,
                        order -> reply.send(() -> pages.paymentStep(visit, order)));
                }
            }, () -> reply.send(() -> pages.problem(visit, 500, "Recharge not available",
                "The card cannot be recharged now. Please try again later."))));
        if (!published) {
            reply.send(() -> pages.problem(visit, 503, "Busy", "The site is busy. Please try again shortly."));
        }
    }

    private void refused(Visit visit, InetAddress client, Map<String, Object> typed, PageReply reply) {
        if (client != null) {
            failedAttempts.recordFailure(client);
        }
        reply.send(() -> form(visit, 400, typed, List.of(NOT_RECHARGEABLE)));
    }

    /** The card's currency when it can take a recharge now, else {@code null}. Replier thread. */
    private static String usableCurrency(Result result) {
        if (!result.isOk() || result.cardStatus() != CardStatus.ACTIVE) {
            return null;
        }
        return Currencies.format(result.currency());
    }

    /** Only the last four digits, for pages and receipts: whoever reads them cannot spend the card. */
    static String masked(long cardNumber) {
        String digits = CardNumbers.format(cardNumber);
        return "**** **** **** " + digits.substring(digits.length() - 4);
    }
}
