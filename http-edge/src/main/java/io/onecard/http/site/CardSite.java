package io.onecard.http.site;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.onecard.core.card.CardNumbers;
import io.onecard.http.CoreAccess;
import io.onecard.http.api.FailedAttempts;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cyber card site: HTML pages, served by the settlement server on the API's port, that sell prepaid
 * cards and settle through the same core ring as the API.
 *
 * <p>Buying runs in three steps: the order form ({@code GET /}), the payment form ({@code POST /buy}), and
 * the payment ({@code POST /pay}). The card is issued only after the payment provider confirmed the payment,
 * under the payment's id as idempotency key; its number and PIN are shown once on the answer to the POST
 * (never in a URL) and e-mailed to the buyer. Every POST must carry the CSRF token of its session
 * ({@link CsrfGuard}); every page is rendered from a Mustache template that escapes what users typed.
 *
 * <p>{@link #handle} runs on an event loop and never waits: the payment provider answers at once (the
 * sandbox) and the ring is published to with a non-blocking try.
 */
public final class CardSite implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CardSite.class);
    private static final Set<String> PATHS = Set.of("/", "/buy", "/pay", "/recharge", "/balance", "/site.css");
    private static final int MAX_EMAIL_LENGTH = 254;
    /** Failed card number or PIN attempts one client address may make per window. */
    static final int FAILED_ATTEMPT_LIMIT = 10;
    /** The window over which failed attempts are counted: ten minutes. */
    static final long FAILED_ATTEMPT_WINDOW_NANOS = 10L * 60 * 1_000_000_000L;
    /** Client addresses the failed-attempt counter remembers at most. */
    static final int MAX_TRACKED_CLIENTS = 100_000;
    /** Longest gift message, in characters. */
    static final int MAX_MESSAGE_LENGTH = 500;

    private final CoreAccess ledger;
    private final PaymentProvider provider;
    private final SiteTemplates templates = new SiteTemplates();
    private final CsrfGuard csrf;
    private final PageMaker pages;
    private final BalanceDesk balances;
    private final RechargeDesk recharges;
    private final PendingOrders orders;
    private final CardIssuer issuer;
    private final MailOffice mail;
    private volatile boolean noticesLowBalances;

    /** A site over the given ledger, taking payments through {@code provider}. */
    public CardSite(SiteConfig config, CoreAccess ledger, PaymentProvider provider) {
        this.ledger = ledger;
        this.provider = provider;
        this.orders = new PendingOrders(config.maxPendingOrders(), System::nanoTime);
        this.issuer = new CardIssuer(ledger);
        this.mail = new MailOffice(config);
        this.csrf = new CsrfGuard(config.secureCookie());
        this.pages = new PageMaker(templates, csrf, provider);
        FailedAttempts failedAttempts = new FailedAttempts(FAILED_ATTEMPT_LIMIT, FAILED_ATTEMPT_WINDOW_NANOS,
            MAX_TRACKED_CLIENTS, System::nanoTime);
        this.balances = new BalanceDesk(ledger, pages, failedAttempts);
        this.recharges = new RechargeDesk(ledger, pages, orders, failedAttempts);
        LOG.info("card site: payments by the {} provider, e-mail {}", provider.name(),
            config.smtpHost() == null ? "to " + config.dataDir().resolve("outbox") : "over SMTP");
    }

    /** A site with the built-in sandbox payment provider. */
    public static CardSite withSandbox(SiteConfig config, CoreAccess ledger) {
        return new CardSite(config, ledger, new SandboxPaymentProvider());
    }

    /**
     * E-mails a card's owner once when a charge takes the balance below {@code thresholdMinor} (see
     * {@link LowBalanceNotices}); the site is then the core's settlement observer until it closes.
     */
    public void noticeLowBalances(long thresholdMinor) {
        ledger.settlementObserver().accept(new LowBalanceNotices(thresholdMinor, ledger.ownerEmails(), templates,
            mail));
        noticesLowBalances = true;
    }

    /** True when the request's path is one of the site's. */
    public boolean claims(String uri) {
        int query = uri.indexOf('?');
        return PATHS.contains(query < 0 ? uri : uri.substring(0, query));
    }

    /** Answers one request through {@code reply}, now or when the ledger has answered. Event loop only. */
    public void handle(FullHttpRequest request, InetAddress client, PageReply reply) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        if ("/site.css".equals(path) && HttpMethod.GET.equals(request.method())) {
            reply.send(() -> SitePage.css(templates.styleSheet()));
            return;
        }
        Visit visit = visit(request);
        boolean post = HttpMethod.POST.equals(request.method());
        if ("/".equals(path) && HttpMethod.GET.equals(request.method())) {
            reply.send(() -> buyForm(visit, 200, Map.of(), List.of()));
        } else if ("/recharge".equals(path) && HttpMethod.GET.equals(request.method())) {
            reply.send(() -> recharges.form(visit, 200, Map.of(), List.of()));
        } else if ("/balance".equals(path) && HttpMethod.GET.equals(request.method())) {
            reply.send(() -> balances.form(visit, 200, List.of()));
        } else if (!post || "/".equals(path)) {
            reply.send(() -> pages.problem(visit, 405, "Method not allowed", "This page does not take that request."));
        } else {
            FormFields form = FormFields.parse(request.content());
            if (!csrf.verify(visit.session(), form.get(CsrfGuard.FIELD))) {
                reply.send(() -> pages.problem(visit, 403, "Form expired",
                    "This form has expired or did not come from this site. Please start again."));
            } else if ("/buy".equals(path)) {
                buy(visit, form, reply);
            } else if ("/recharge".equals(path)) {
                recharges.check(visit, form, client, reply);
            } else if ("/balance".equals(path)) {
                balances.check(visit, form, client, reply);
            } else {
                pay(visit, form, reply);
            }
        }
    }

    private void buy(Visit visit, FormFields form, PageReply reply) {
        String valueText = form.get("value");
        String currency = form.get("currency");
        String email = form.get("email");
        List<String> errors = new ArrayList<>();
        long amountMinor = MoneyText.parseMinor(valueText);
        if (amountMinor < MoneyText.MIN_VALUE_MINOR || amountMinor > MoneyText.MAX_VALUE_MINOR) {
            errors.add("The card value must be an amount from " + MoneyText.format(MoneyText.MIN_VALUE_MINOR)
                + " to " + MoneyText.format(MoneyText.MAX_VALUE_MINOR) + ".");
        }
        if (!MoneyText.CURRENCIES.contains(currency)) {
            errors.add("Choose one of the currencies offered.");
        }
        if (!isEmail(email)) {
            errors.add("Enter a valid e-mail address.");
        }
        boolean isGift = "gift".equals(form.get("recipient"));
        String recipientEmail = form.get("recipientEmail");
        String message = form.get("message") == null ? "" : form.get("message").strip();
        if (isGift && !isEmail(recipientEmail)) {
            errors.add("Enter the recipient's e-mail address.");
        }
        if (isGift && message.length() > MAX_MESSAGE_LENGTH) {
            errors.add("The message may have at most " + MAX_MESSAGE_LENGTH + " characters.");
        }
        Map<String, Object> typed = new HashMap<>();
        typed.put("value", valueText);
        typed.put("email", email);
        typed.put("currency", currency);
        typed.put("gift", isGift);
        typed.put("recipientEmail", recipientEmail);
        typed.put("message", message);
        if (!errors.isEmpty()) {
            reply.send(() -> buyForm(visit, 400, typed, errors));
            return;
        }
        Order order = orders.add(amountMinor, currency, email, CardNumbers.NONE,
            isGift ? new Order.Gift(recipientEmail, message) : null);
        if (order == null) {
            reply.send(() -> pages.problem(visit, 503, "Busy",
                "The site is taking too many orders. Please try later."));
            return;
        }
        reply.send(() -> pages.payForm(visit, order));
    }

    private void pay(Visit visit, FormFields form, PageReply reply) {
        if (!ledger.recovered().getAsBoolean()) {
            reply.send(() -> pages.problem(visit, 503, "Not ready", "The site is starting. Please try again shortly."));
            return;
        }
        Order order = orders.take(form.get("order"));
        if (order == null) {
            reply.send(() -> pages.problem(visit, 404, "Order not found",
                "This order is unknown, expired or already paid. Nothing was charged for it now."));
            return;
        }
        PaymentProvider.Payment payment = provider.charge(order.orderId(), order.amountMinor(), order.currency(),
            form.digits("card"));
        if (!payment.confirmed()) {
            LOG.info("site payment {} declined; no card issued", payment.paymentId());
            reply.send(() -> declined(visit, payment));
            return;
        }
        boolean published = order.isRecharge()
            ? issuer.recharge(payment.paymentId(), order, done -> reply.send(() -> recharged(visit, order, payment,
                done)))
            : issuer.issue(payment.paymentId(), order, issued -> reply.send(() -> issued(visit, order, payment,
                issued)));
        if (!published) {
            LOG.warn("site payment {} confirmed but the ring is full; the card is not issued or recharged yet",
                payment.paymentId());
            reply.send(() -> pages.problem(visit, 503, "Busy", "Your payment " + payment.paymentId()
                + " was confirmed but the card could not be issued yet. Please contact support with it."));
        }
    }

    private SitePage issued(Visit visit, Order order, PaymentProvider.Payment payment, CardIssuer.CardOutcome card) {
        if (!card.isOk()) {
            LOG.warn("site payment {} confirmed but the ledger refused the card: {}", payment.paymentId(),
                card.code());
            return pages.problem(visit, 500, "Card not issued", "Your payment " + payment.paymentId()
                + " was confirmed but the card could not be issued. Please contact support with it.");
        }
        Map<String, Object> values = new HashMap<>();
        values.put("cardNumber", PageMaker.grouped(CardNumbers.format(card.cardNumber())));
        values.put("maskedNumber", RechargeDesk.masked(card.cardNumber()));
        values.put("pin", card.pin());
        values.put("amount", MoneyText.format(card.balanceMinor()));
        values.put("currency", order.currency());
        values.put("email", order.buyerEmail());
        values.put("paymentId", payment.paymentId());
        values.put("providerName", provider.name());
        if (order.gift() == null) {
            if (!card.replayed()) {
                mail.post(new SiteMail(order.buyerEmail(), "Your OneCard prepaid card",
                    templates.render("mail-card-text", values), templates.render("mail-card-html", values)));
            }
            return pages.page(visit, 200, "Your card", "issued", values);
        }
        values.put("recipientEmail", order.gift().recipientEmail());
        values.put("message", order.gift().message());
        values.put("hasMessage", !order.gift().message().isEmpty());
        if (!card.replayed()) {
            mail.post(new SiteMail(order.gift().recipientEmail(), "A OneCard prepaid card for you",
                templates.render("mail-gift-text", values), templates.render("mail-gift-html", values)));
            mail.post(new SiteMail(order.buyerEmail(), "Your OneCard gift receipt",
                templates.render("mail-receipt-text", values), templates.render("mail-receipt-html", values)));
        }
        return pages.page(visit, 200, "Gift sent", "gift-sent", values);
    }

    private SitePage recharged(Visit visit, Order order, PaymentProvider.Payment payment,
                               CardIssuer.CardOutcome card) {
        if (!card.isOk()) {
            LOG.warn("site payment {} confirmed but the ledger refused the recharge: {}", payment.paymentId(),
                card.code());
            return pages.problem(visit, 500, "Card not recharged", "Your payment " + payment.paymentId()
                + " was confirmed but the card could not be recharged. Please contact support with it.");
        }
        Map<String, Object> values = new HashMap<>();
        values.put("maskedNumber", RechargeDesk.masked(order.rechargeCard()));
        values.put("amount", MoneyText.format(order.amountMinor()));
        values.put("balance", MoneyText.format(card.balanceMinor()));
        values.put("currency", order.currency());
        values.put("paymentId", payment.paymentId());
        return pages.page(visit, 200, "Card recharged", "recharged", values);
    }

    private SitePage declined(Visit visit, PaymentProvider.Payment payment) {
        Map<String, Object> values = new HashMap<>();
        values.put("reason", payment.reason());
        return pages.page(visit, 402, "Payment declined", "declined", values);
    }

    private SitePage buyForm(Visit visit, int status, Map<String, Object> typed, List<String> errors) {
        Map<String, Object> values = new HashMap<>(typed);
        Object chosen = typed.getOrDefault("currency", MoneyText.CURRENCIES.get(0));
        List<Map<String, Object>> currencies = new ArrayList<>();
        for (String code : MoneyText.CURRENCIES) {
            currencies.add(Map.of("code", code, "selected", code.equals(chosen)));
        }
        values.put("currencies", currencies);
        values.put("errors", errors);
        values.put("minValue", MoneyText.format(MoneyText.MIN_VALUE_MINOR));
        values.put("maxValue", MoneyText.format(MoneyText.MAX_VALUE_MINOR));
        return pages.page(visit, status, "Buy a prepaid card", "buy", values);
    }

    private Visit visit(FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.COOKIE);
        if (header != null) {
            for (Cookie cookie : ServerCookieDecoder.STRICT.decode(header)) {
                if (CsrfGuard.COOKIE.equals(cookie.name()) && CsrfGuard.isSession(cookie.value())) {
                    return new Visit(cookie.value(), false);
                }
            }
        }
        return new Visit(csrf.newSession(), true);
    }

    private static boolean isEmail(String email) {
        if (email == null || email.length() > MAX_EMAIL_LENGTH) {
            return false;
        }
        int at = email.indexOf('@');
        return at > 0 && at == email.lastIndexOf('@') && email.indexOf('.', at) > at + 1
            && !email.endsWith(".") && email.chars().noneMatch(c -> c <= ' ' || c == '<' || c == '>' || c == ',');
    }

    /** Stops observing settlements, then stops the e-mail sender after it has sent what is queued. */
    @Override
    public void close() {
        if (noticesLowBalances) {
            ledger.settlementObserver().accept(null);
        }
        mail.close();
    }
}
