package io.onecard.http.site;

import io.onecard.core.card.Currencies;
import io.onecard.core.ledger.Command;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Result;
import io.onecard.core.ring.SettlementObserver;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Tells a card's owner, once, that the card's balance has fallen below the configured threshold, whichever
 * edge moved the money (a web debit, a captured authorization, a phone call).
 *
 * <p>"Once" needs no store of its own: a notice goes out for the charge that takes the balance from at or
 * above the threshold to below it. Later charges below it send nothing; a recharge back above it lets the
 * next fall send another. A replayed answer is no new charge and sends nothing. The threshold is in the
 * card's own minor units, whatever its currency.
 *
 * <p>On the replier thread this only compares two numbers; the owner's address is looked up and the message
 * composed on the mail thread, behind the mail office's bounded queue. A notice whose charge is applied
 * just before a crash may be lost; it is never sent twice for one fall.
 */
final class LowBalanceNotices implements SettlementObserver {
    private final long thresholdMinor;
    private final LongFunction<String> ownerEmails;
    private final SiteTemplates templates;
    private final MailOffice mail;

    LowBalanceNotices(long thresholdMinor, LongFunction<String> ownerEmails, SiteTemplates templates,
                      MailOffice mail) {
        if (thresholdMinor < 1) {
            throw new IllegalArgumentException("low-balance threshold must be at least 1 minor unit");
        }
        this.thresholdMinor = thresholdMinor;
        this.ownerEmails = ownerEmails;
        this.templates = templates;
        this.mail = mail;
    }

    @Override
    public void onSettled(Command command) {
        Result result = command.result();
        if (!result.isOk() || result.replayed()
            || command.type() != CommandType.DEBIT && command.type() != CommandType.CAPTURE) {
            return;
        }
        long after = result.balance();
        long before = after + result.amountMinor();
        if (result.amountMinor() > 0 && before >= thresholdMinor && after < thresholdMinor) {
            long cardNumber = result.cardNumber();
            String currency = Currencies.format(result.currency());
            mail.compose(() -> notice(cardNumber, after, currency));
        }
    }

    private SiteMail notice(long cardNumber, long balanceMinor, String currency) {
        String owner = ownerEmails.apply(cardNumber);
        if (owner == null) {
            return null;
        }
        Map<String, Object> values = new HashMap<>();
        values.put("maskedNumber", RechargeDesk.masked(cardNumber));
        values.put("balance", MoneyText.format(balanceMinor));
        values.put("threshold", MoneyText.format(thresholdMinor));
        values.put("currency", currency);
        return new SiteMail(owner, "Your OneCard balance is low",
            templates.render("mail-low-balance-text", values), templates.render("mail-low-balance-html", values));
    }
}
