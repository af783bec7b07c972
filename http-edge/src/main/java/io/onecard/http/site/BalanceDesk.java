package io.onecard.http.site;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.Currencies;
import io.onecard.core.card.PinSecret;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Credential;
import io.onecard.core.ledger.HistoryItem;
import io.onecard.core.ledger.Result;
import io.onecard.core.ledger.ResultCode;
import io.onecard.http.CoreAccess;
import io.onecard.http.api.FailedAttempts;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The balance page: card number and PIN in, balance and recent transactions (calls included) out.
 *
 * <p>A wrong PIN, an unknown card and a malformed number all get the same answer, so the page does not tell
 * which cards exist; each counts as a failed attempt of the client address, and an address that used up its
 * attempts is refused until its window ends, before anything reaches the ledger. The card number and PIN
 * arrive only in the POST body and are never logged.
 */
final class BalanceDesk {
    /** Recent transactions shown. */
    static final int RECENT_ITEMS = 10;
    static final String NOT_ACCEPTED = "The card number or PIN is not correct.";
    static final String TOO_MANY = "Too many wrong attempts from your address. Please try again later.";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'",
        Locale.ROOT).withZone(ZoneOffset.UTC);

    private final CoreAccess ledger;
    private final PageMaker pages;
    private final FailedAttempts failedAttempts;

    BalanceDesk(CoreAccess ledger, PageMaker pages, FailedAttempts failedAttempts) {
        this.ledger = ledger;
        this.pages = pages;
        this.failedAttempts = failedAttempts;
    }

    SitePage form(Visit visit, int status, List<String> errors) {
        return pages.page(visit, status, "Card balance", "balance", Map.of("errors", errors));
    }

    /** Answers a submitted balance form. Event loop only. */
    void check(Visit visit, FormFields form, InetAddress client, PageReply reply) {
        if (client != null && failedAttempts.isBlocked(client)) {
            reply.send(() -> form(visit, 429, List.of(TOO_MANY)));
            return;
        }
        long cardNumber = CardNumbers.parse(form.digits("card"));
        String pin = form.get("pin");
        if (cardNumber == CardNumbers.NONE || pin == null || !PinSecret.isValidPin(pin)) {
            refused(visit, client, reply);
            return;
        }
        boolean published = ledger.sink().tryPublish(command -> command.type(CommandType.QUERY_HISTORY)
                .channel(Channel.SITE).cardNumber(cardNumber).pin(pin).credential(Credential.PIN).limit(RECENT_ITEMS),
            GuardedListener.guard(command -> answered(visit, client, reply, Statement.of(command.result())),
                () -> reply.send(() -> pages.problem(visit, 500, "Balance not available",
                    "The balance cannot be shown now. Please try again later."))));
        if (!published) {
            reply.send(() -> pages.problem(visit, 503, "Busy", "The site is busy. Please try again shortly."));
        }
    }

    private void answered(Visit visit, InetAddress client, PageReply reply, Statement statement) {
        if (statement.code() == ResultCode.CARD_DECLINED || statement.code() == ResultCode.UNKNOWN_CARD) {
            refused(visit, client, reply);
        } else if (statement.code() != ResultCode.OK) {
            reply.send(() -> pages.problem(visit, 500, "Balance not available",
                "The balance cannot be shown now. Please try again later."));
        } else {
            reply.send(() -> statementPage(visit, statement));
        }
    }

    private void refused(Visit visit, InetAddress client, PageReply reply) {
        if (client != null) {
            failedAttempts.recordFailure(client);
        }
        reply.send(() -> form(visit, 400, List.of(NOT_ACCEPTED)));
    }

    private SitePage statementPage(Visit visit, Statement statement) {
        Map<String, Object> values = new HashMap<>();
        values.put("balance", MoneyText.format(statement.balanceMinor()) + " " + statement.currency());
        values.put("items", statement.items());
        values.put("hasItems", !statement.items().isEmpty());
        return pages.page(visit, 200, "Card balance", "statement", values);
    }

    /** What the page shows, copied out of the ledger's result on the replier thread. */
    private record Statement(ResultCode code, long balanceMinor, String currency, List<Map<String, String>> items) {
        static Statement of(Result result) {
            if (!result.isOk()) {
                return new Statement(result.code(), 0, "", List.of());
            }
            String currency = Currencies.format(result.currency());
            List<Map<String, String>> items = new ArrayList<>(result.itemCount());
            for (int i = 0; i < result.itemCount(); i++) {
                HistoryItem item = result.item(i);
                items.add(Map.of(
                    "when", WHEN.format(Instant.ofEpochMilli(item.createdAtMillis())),
                    "type", item.type().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    "channel", item.channel() == null ? "" : item.channel().name().toLowerCase(Locale.ROOT),
                    "amount", MoneyText.format(item.amountMinor()) + " " + currency,
                    "balanceAfter", MoneyText.format(item.balanceAfter()) + " " + currency));
            }
            return new Statement(ResultCode.OK, result.balance(), currency, items);
        }
    }
}
