package io.onecard.http.site;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.EmailAddresses;
import io.onecard.http.CoreAccess;
import io.onecard.http.api.FailedAttempts;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cyber card site: HTML pages, served by the settlement server on the API's port, that sell prepaid
 * cards and settle through the same core ring as the API.
 *
 * <p>Buying runs in three steps: the order form ({@code GET /}), the payment step ({@code POST /buy}), and
 * the payment. With the sandbox provider the payment step is the site's own payment form and the payment its
 * {@code POST /pay}; the card's number and PIN are shown once on the answer to that POST (never in a URL)
 * and e-mailed. With a {@link HostedCheckout} the payment step sends the buyer to the provider's page, the
 * provider confirms through the signed {@link PaymentWebhook}, and the buyer comes back to the order's page
 * ({@code /site/orders/<id>}), which shows where the order stands and refreshes itself until it is settled;
 * the number and PIN then go only by e-mail, since that page's address passes through the provider.
 *
 * <p>Every order is kept in the {@link OrderBook} on disk; a card is issued (or recharged) only once its
 * payment is confirmed, under the payment's id as idempotency key, by {@link OrderFulfilment}, which also
 * finishes after a restart what a stop interrupted. Every POST but the webhook must carry the CSRF token of
 * its session ({@link CsrfGuard}); every page is rendered from a Mustache template that escapes what users
 * typed.
 *
 * <p>{@link #handle} runs on an event loop and never waits: the disk is written on the order book's thread,
 * and the ring is published to with a non-blocking try.
 */
public final class CardSite implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CardSite.class);
    /** The path of the order pages: {@code /site/orders/<order id>}. */
    static final String ORDER_PATH = "/site/orders/";
    /** Appended to an order's page path for the page a buyer who gave up at the provider comes back to. */
    static final String CANCEL_SUFFIX = "/cancel";
    /** Where a hosted-checkout provider posts its payment events. */
    static final String WEBHOOK_PATH = "/site/payments/webhook";
    /** Seconds between two loads of an order's page while it waits for its payment or card. */
    static final int REFRESH_SECONDS = 3;
    private static final Set<String> PATHS = Set.of("/", "/buy", "/pay", "/recharge", "/balance", "/site.css");
    private static final String SITE_PREFIX = "/site/";
    private static final Pattern ORDER_ID = Pattern.compile("[0-9a-f]{32}");
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
    private final HostedCheckout hosted;
    private final SiteTemplates templates = new SiteTemplates();
    private final CsrfGuard csrf;
    private final PageMaker pages;
    private final BalanceDesk balances;
    private final RechargeDesk recharges;
    private final OrderBook orders;
    private final OrderFulfilment fulfilment;
    private final PaymentWebhook webhook;
    private final MailOffice mail;
    private volatile boolean noticesLowBalances;

    /** A site over the given ledger, taking payments on its own form through {@code provider}. */
    public CardSite(SiteConfig config, CoreAccess ledger, PaymentProvider provider) {
        this(config, ledger, provider, null);
    }

    private CardSite(SiteConfig config, CoreAccess ledger, PaymentProvider provider, HostedCheckout hosted) {
        String providerName = hosted == null ? provider.name() : hosted.name();
        this.ledger = ledger;
        this.provider = provider;
        this.hosted = hosted;
        this.orders = new OrderBook(config.dataDir(), config.maxPendingOrders(), System::currentTimeMillis);
        this.mail = new MailOffice(config);
        this.fulfilment = new OrderFulfilment(orders, ledger, mail, templates, providerName);
        this.webhook = hosted == null ? null
            : new PaymentWebhook(hosted, orders, fulfilment, ledger, System::currentTimeMillis);
        this.csrf = new CsrfGuard(config.secureCookie());
        this.pages = new PageMaker(templates, csrf, providerName, provider instanceof SandboxPaymentProvider,
            hosted);
        FailedAttempts failedAttempts = new FailedAttempts(FAILED_ATTEMPT_LIMIT, FAILED_ATTEMPT_WINDOW_NANOS,
            MAX_TRACKED_CLIENTS, System::nanoTime);
        this.balances = new BalanceDesk(ledger, pages, failedAttempts);
        this.recharges = new RechargeDesk(ledger, pages, orders, failedAttempts);
        LOG.info("card site: payments by the {} provider, e-mail {}", providerName,
            config.smtpHost() == null ? "to " + config.dataDir().resolve("outbox") : "over SMTP");
        fulfilment.resume();
    }

    /** A site with the built-in sandbox payment provider. */
    public static CardSite withSandbox(SiteConfig config, CoreAccess ledger) {
        return new CardSite(config, ledger, new SandboxPaymentProvider());
    }

    /** A site whose buyers pay on a hosted-checkout provider's page, confirmed by its signed webhook. */
    public static CardSite withHostedCheckout(SiteConfig config, CoreAccess ledger, HostedCheckout checkout) {
        return new CardSite(config, ledger, null, Objects.requireNonNull(checkout, "checkout"));
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
        String path = query < 0 ? uri : uri.substring(0, query);
        return PATHS.contains(path) || path.startsWith(SITE_PREFIX);
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
        if (WEBHOOK_PATH.equals(path) && HttpMethod.POST.equals(request.method()) && webhook != null) {
            webhook.handle(request, reply);
            return;
        }
        Visit visit = visit(request);
        boolean post = HttpMethod.POST.equals(request.method());
        if (path.startsWith(SITE_PREFIX)) {
            reply.send(() -> HttpMethod.GET.equals(request.method()) ? orderPage(visit, path)
                : pages.problem(visit, 405, "Method not allowed", "This page does not take that request."));
        } else if ("/".equals(path) && HttpMethod.GET.equals(request.method())) {
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
        if (!EmailAddresses.isValid(email)) {
            errors.add("Enter a valid e-mail address.");
        }
        boolean isGift = "gift".equals(form.get("recipient"));
        String recipientEmail = form.get("recipientEmail");
        String message = form.get("message") == null ? "" : form.get("message").strip();
        if (isGift && !EmailAddresses.isValid(recipientEmail)) {
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
        orders.open(amountMinor, currency, email, CardNumbers.NONE,
            isGift ? new Order.Gift(recipientEmail, message) : null,
            order -> reply.send(() -> pages.paymentStep(visit, order)));
    }

    private void pay(Visit visit, FormFields form, PageReply reply) {
        if (!ledger.recovered().getAsBoolean()) {
            reply.send(() -> pages.problem(visit, 503, "Not ready", "The site is starting. Please try again shortly."));
            return;
        }
        String orderId = form.get("order");
        Order known = provider == null ? null : orders.find(orderId);
        if (known == null || !orders.isPayable(known)) {
            reply.send(() -> orderNotFound(visit));
            return;
        }
        String cardDigits = form.digits("card");
        orders.update(orderId, order -> orders.isPayable(order) ? charge(order, cardDigits) : order, change -> {
            if (!change.changed()) {
                reply.send(() -> orderNotFound(visit));
            } else if (change.after().state() == OrderState.DECLINED) {
                LOG.info("site payment {} declined; no card issued", change.after().paymentId());
                reply.send(() -> declined(visit, change.after().reason()));
            } else {
                fulfilment.fulfil(change.after(), delivery -> reply.send(() -> delivered(visit, delivery)));
            }
        });
    }

    /** Takes the payment on the provider, on the order book's thread, so that an order is charged once. */
    private Order charge(Order order, String cardDigits) {
        PaymentProvider.Payment payment = provider.charge(order.orderId(), order.amountMinor(), order.currency(),
            cardDigits);
        return payment.confirmed() ? order.paid(payment.paymentId())
            : order.declined(payment.paymentId(), payment.reason());
    }

    private SitePage orderNotFound(Visit visit) {
        return pages.problem(visit, 404, "Order not found",
            "This order is unknown, expired or already paid. Nothing was charged for it now.");
    }

    /** The answer to a payment on the site's own form: the card, or what kept it from being issued. */
    private SitePage delivered(Visit visit, OrderFulfilment.Delivery delivery) {
        Order order = delivery.order();
        CardIssuer.CardOutcome card = delivery.card();
        if (order.state() == OrderState.PAID) {
            return pages.problem(visit, 503, "Busy", "Your payment " + order.paymentId() + " was confirmed but the "
                + "card is not ready yet. It will be e-mailed to you; the payment reference is " + order.paymentId()
                + ".");
        }
        if (card == null || !card.isOk()) {
            return pages.problem(visit, 500, order.isRecharge() ? "Card not recharged" : "Card not issued",
                "Your payment " + order.paymentId() + " was confirmed but the card could not be "
                + (order.isRecharge() ? "recharged" : "issued") + ". Please contact support with it.");
        }
        return order.isRecharge() ? recharged(visit, order, card) : issued(visit, order, card);
    }

    private SitePage issued(Visit visit, Order order, CardIssuer.CardOutcome card) {
        Map<String, Object> values = new HashMap<>();
        values.put("cardNumber", PageMaker.grouped(CardNumbers.format(card.cardNumber())));
        values.put("maskedNumber", RechargeDesk.masked(card.cardNumber()));
        values.put("pin", card.pin());
        values.put("amount", MoneyText.format(card.balanceMinor()));
        values.put("currency", order.currency());
        values.put("email", order.buyerEmail());
        values.put("paymentId", order.paymentId());
        if (order.gift() == null) {
            return pages.page(visit, 200, "Your card", "issued", values);
        }
        values.put("recipientEmail", order.gift().recipientEmail());
        values.put("message", order.gift().message());
        values.put("hasMessage", !order.gift().message().isEmpty());
        return pages.page(visit, 200, "Gift sent", "gift-sent", values);
    }

    private SitePage recharged(Visit visit, Order order, CardIssuer.CardOutcome card) {
        Map<String, Object> values = new HashMap<>();
        values.put("maskedNumber", RechargeDesk.masked(order.rechargeCard()));
        values.put("amount", MoneyText.format(order.amountMinor()));
        values.put("balance", MoneyText.format(card.balanceMinor()));
        values.put("currency", order.currency());
        values.put("paymentId", order.paymentId());
        return pages.page(visit, 200, "Card recharged", "recharged", values);
    }

    private SitePage declined(Visit visit, String reason) {
        Map<String, Object> values = new HashMap<>();
        values.put("reason", reason);
        return pages.page(visit, 402, "Payment declined", "declined", values);
    }

    /** {@code GET /site/orders/<id>} and {@code .../cancel}: where the order stands, refreshing until settled. */
    private SitePage orderPage(Visit visit, String path) {
        boolean cancelPage = path.endsWith(CANCEL_SUFFIX);
        String orderId = path.substring(ORDER_PATH.length(),
            path.length() - (cancelPage ? CANCEL_SUFFIX.length() : 0));
        Order order = path.startsWith(ORDER_PATH) && ORDER_ID.matcher(orderId).matches() ? orders.find(orderId) : null;
        if (order == null) {
            return pages.problem(visit, 404, "Order not found", "This order is unknown or no longer kept.");
        }
        Map<String, Object> values = new HashMap<>();
        values.put("amount", MoneyText.format(order.amountMinor()));
        values.put("currency", order.currency());
        values.put("email", order.buyerEmail());
        values.put("recharge", order.isRecharge());
        values.put("forMe", !order.isRecharge() && order.gift() == null);
        values.put("gift", order.gift() != null);
        values.put("recipientEmail", order.gift() == null ? null : order.gift().recipientEmail());
        values.put("paymentId", order.paymentId());
        values.put("reason", order.reason());
        if (order.cardNumber() != CardNumbers.NONE) {
            values.put("maskedNumber", RechargeDesk.masked(order.cardNumber()));
        }
        values.put("balance", MoneyText.format(order.balanceMinor()));
        String title = switch (order.state()) {
            case PENDING -> pendingState(order, cancelPage, values);
            case PAID -> state(values, "confirming", true, "Payment confirmed");
            case FULFILLED -> state(values, "done", false, order.isRecharge() ? "Card recharged" : "Your card");
            case DECLINED -> state(values, "declined", false, "Payment declined");
            case REFUSED -> state(values, "refused", false, "Card not issued");
        };
        return pages.page(visit, 200, title, "order", values);
    }

    private String pendingState(Order order, boolean cancelPage, Map<String, Object> values) {
        if (!orders.isPayable(order)) {
            return state(values, "expired", false, "Order expired");
        }
        return cancelPage ? state(values, "cancelled", false, "Payment cancelled")
            : state(values, "waiting", true, "Waiting for your payment");
    }

    private static String state(Map<String, Object> values, String flag, boolean refresh, String title) {
        values.put(flag, true);
        if (refresh) {
            values.put("refreshSeconds", REFRESH_SECONDS);
        }
        return title;
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

    /** Stops observing settlements, then finishes the e-mail and order changes already queued and stops. */
    @Override
    public void close() {
        if (noticesLowBalances) {
            ledger.settlementObserver().accept(null);
        }
        mail.close();
        orders.close();
    }
}
