package io.onecard.http.site;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.PinSecret;
import io.onecard.core.ledger.ResultCode;
import io.onecard.http.CoreAccess;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a paid order into a card (or a recharge) and its e-mail, exactly once, even across a restart.
 *
 * <p>The steps, each written to the order book before the next one starts: for a new card the number and
 * PIN salt are drawn and kept with the order; the issue (or recharge) is published under the idempotency key
 * {@code "site:" + paymentId}; the ledger's answer marks the order fulfilled; the e-mail is posted, and the
 * order marked mailed once the mail server took it. After a crash at any step, {@link #resume} starts again
 * from the last step written: an issue sent again carries the same number, salt and key, so the ledger
 * answers with the first card instead of issuing a second. The e-mail is sent at least once: a crash between
 * its delivery and the mark sends it again.
 *
 * <p>A full ring is retried every {@link #RETRY_MILLIS}; a drawn number that another card already has (the
 * ledger answers {@code DUPLICATE_CARD} to the first send of it) is drawn again. A ledger refusal
 * (a recharge of a card blocked meanwhile, a full card store) marks the order {@link OrderState#REFUSED} and
 * is logged with the payment id, for an operator to settle with the buyer.
 */
final class OrderFulfilment {
    /** Delay before a publish refused by a full ring, or a resume before recovery, is tried again. */
    static final long RETRY_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(OrderFulfilment.class);

    private final OrderBook book;
    private final CoreAccess ledger;
    private final CardIssuer issuer;
    private final MailOffice mail;
    private final SiteTemplates templates;
    private final String providerName;
    private final SecureRandom random = new SecureRandom();
    private final Set<String> drawnHere = ConcurrentHashMap.newKeySet();

    /**
     * What a fulfilment came to, for a page that waits on it.
     *
     * @param order the order as it now is; {@code null} when it is unknown
     * @param card the card issued or recharged, with the PIN of a new card; {@code null} when there is none
     *     (yet)
     */
    record Delivery(Order order, CardIssuer.CardOutcome card) {
    }

    OrderFulfilment(OrderBook book, CoreAccess ledger, MailOffice mail, SiteTemplates templates,
                    String providerName) {
        this.book = book;
        this.ledger = ledger;
        this.issuer = new CardIssuer(ledger);
        this.mail = mail;
        this.templates = templates;
        this.providerName = providerName;
    }

    /** Fulfils every paid order not yet fulfilled and mails what was not mailed, once the ledger runs. */
    void resume() {
        if (!ledger.recovered().getAsBoolean()) {
            book.later(this::resume, RETRY_MILLIS);
            return;
        }
        for (Order order : book.paidOrders()) {
            LOG.info("site order of payment {} was paid before the stop: fulfilling it now", order.paymentId());
            fulfil(order, delivery -> { });
        }
        for (Order order : book.unmailedOrders()) {
            post(order);
        }
    }

    /** Fulfils a paid order; {@code done} is called once, from any thread, with the first outcome. */
    void fulfil(Order paid, Consumer<Delivery> done) {
        book.update(paid.orderId(), this::drawCard, change -> send(change.after(), done));
    }

    private Order drawCard(Order order) {
        if (order.state() != OrderState.PAID || order.isRecharge() || order.saltHex() != null) {
            return order;
        }
        byte[] salt = new byte[PinSecret.SALT_BYTES];
        random.nextBytes(salt);
        drawnHere.add(order.orderId());
        return order.drawn(ledger.cardNumbers().draw(), HexFormat.of().formatHex(salt));
    }

    private void send(Order order, Consumer<Delivery> done) {
        if (order == null || order.state() != OrderState.PAID) {
            done.accept(new Delivery(order, order == null ? null : storedCard(order)));
            return;
        }
        if (!ledger.recovered().getAsBoolean() || !publish(order, done)) {
            LOG.warn("site payment {} confirmed but the ledger cannot take the {} now; trying again",
                order.paymentId(), order.isRecharge() ? "recharge" : "issue");
            book.later(() -> fulfil(order, delivery -> { }), RETRY_MILLIS);
            done.accept(new Delivery(order, null));
        }
    }

    private boolean publish(Order order, Consumer<Delivery> done) {
        Consumer<CardIssuer.CardOutcome> answered = card -> answered(order, card, done);
        return order.isRecharge()
            ? issuer.recharge(order.paymentId(), order, answered)
            : issuer.issue(order.paymentId(), order, answered);
    }

    /** The ledger's answer, on the replier thread: record it, then mail and answer. */
    private void answered(Order order, CardIssuer.CardOutcome card, Consumer<Delivery> done) {
        if (card.code() == null) {
            done.accept(new Delivery(order, null));
        } else if (card.code() == ResultCode.DUPLICATE_CARD && drawnHere.remove(order.orderId())) {
            LOG.info("site payment {}: the drawn card number is taken; drawing another", order.paymentId());
            book.update(order.orderId(), current -> redraw(current, order), change -> send(change.after(), done));
        } else if (!card.isOk()) {
            LOG.warn("site payment {} confirmed but the ledger refused the {}: {}; an operator must settle it",
                order.paymentId(), order.isRecharge() ? "recharge" : "card", card.code());
            book.update(order.orderId(),
                current -> current.state() == OrderState.PAID ? current.refused(card.code().name()) : current,
                change -> done.accept(new Delivery(change.after(), card)));
        } else {
            drawnHere.remove(order.orderId());
            book.update(order.orderId(), current -> fulfilled(current, card), change -> {
                if (change.changed() && !change.after().mailed()) {
                    post(change.after());
                }
                done.accept(new Delivery(change.after(), card));
            });
        }
    }

    private Order redraw(Order current, Order sent) {
        if (current.state() != OrderState.PAID || current.cardNumber() != sent.cardNumber()) {
            return current;
        }
        return drawCard(current.drawn(CardNumbers.NONE, null));
    }

    private static Order fulfilled(Order current, CardIssuer.CardOutcome card) {
        if (current.state() != OrderState.PAID) {
            return current;
        }
        return current.fulfilled(card.balanceMinor());
    }

    /** The card of a fulfilled order, from what the order keeps (the PIN derived again). */
    private CardIssuer.CardOutcome storedCard(Order order) {
        if (order.state() != OrderState.FULFILLED) {
            return null;
        }
        String pin = order.isRecharge() ? null : pinOf(order);
        return new CardIssuer.CardOutcome(ResultCode.OK, order.cardNumber(), pin, order.balanceMinor(), true);
    }

    private String pinOf(Order order) {
        return ledger.pinSecret().derivePin(order.cardNumber(), HexFormat.of().parseHex(order.saltHex()));
    }

    /**
     * Posts the order's e-mail, composed on the mail thread; marks the order mailed once the mail server has
     * taken every message. A recharge's receipt goes to the card's owner, looked up then; a card without an
     * owner's address gets none.
     */
    private void post(Order order) {
        mail.post(() -> order.isRecharge() ? rechargeReceipt(order) : mails(order),
            () -> book.update(order.orderId(), Order::mailSent, change -> { }));
    }

    private List<SiteMail> rechargeReceipt(Order order) {
        String owner = ledger.ownerEmails().apply(order.rechargeCard());
        if (owner == null) {
            return List.of();
        }
        Map<String, Object> values = new HashMap<>();
        values.put("maskedNumber", RechargeDesk.masked(order.rechargeCard()));
        values.put("amount", MoneyText.format(order.amountMinor()));
        values.put("balance", MoneyText.format(order.balanceMinor()));
        values.put("currency", order.currency());
        values.put("paymentId", order.paymentId());
        values.put("providerName", providerName);
        return List.of(new SiteMail(owner, "Your OneCard recharge receipt",
            templates.render("mail-recharge-text", values), templates.render("mail-recharge-html", values)));
    }

    private List<SiteMail> mails(Order order) {
        Map<String, Object> values = new HashMap<>();
        values.put("cardNumber", PageMaker.grouped(CardNumbers.format(order.cardNumber())));
        values.put("maskedNumber", RechargeDesk.masked(order.cardNumber()));
        values.put("pin", pinOf(order));
        values.put("amount", MoneyText.format(order.amountMinor()));
        values.put("currency", order.currency());
        values.put("email", order.buyerEmail());
        values.put("paymentId", order.paymentId());
        values.put("providerName", providerName);
        List<SiteMail> mails = new ArrayList<>();
        if (order.gift() == null) {
            mails.add(new SiteMail(order.buyerEmail(), "Your OneCard prepaid card",
                templates.render("mail-card-text", values), templates.render("mail-card-html", values)));
            return mails;
        }
        values.put("recipientEmail", order.gift().recipientEmail());
        values.put("message", order.gift().message());
        values.put("hasMessage", !order.gift().message().isEmpty());
        mails.add(new SiteMail(order.gift().recipientEmail(), "A OneCard prepaid card for you",
            templates.render("mail-gift-text", values), templates.render("mail-gift-html", values)));
        mails.add(new SiteMail(order.buyerEmail(), "Your OneCard gift receipt",
            templates.render("mail-receipt-text", values), templates.render("mail-receipt-html", values)));
        return mails;
    }
}
