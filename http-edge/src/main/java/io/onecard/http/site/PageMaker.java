package io.onecard.http.site;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the site's pages with what every page carries: the title, the payment provider's name (and, for
 * the sandbox, that no real money moves), the session's CSRF token for its forms, an error list, and the
 * session cookie when the session is new.
 */
final class PageMaker {
    private final SiteTemplates templates;
    private final CsrfGuard csrf;
    private final String providerName;
    private final boolean sandbox;
    private final HostedCheckout hosted;

    /**
     * @param hosted the hosted checkout the payment step leads to, or {@code null} when the site takes the
     *     payment on its own form
     */
    PageMaker(SiteTemplates templates, CsrfGuard csrf, String providerName, boolean sandbox,
              HostedCheckout hosted) {
        this.templates = templates;
        this.csrf = csrf;
        this.providerName = providerName;
        this.sandbox = sandbox;
        this.hosted = hosted;
    }

    SitePage page(Visit visit, int status, String title, String template, Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(values);
        all.put("title", title);
        all.put("providerName", providerName);
        all.put("sandbox", sandbox);
        all.put("csrf", csrf.token(visit.session()));
        all.putIfAbsent("errors", List.of());
        return SitePage.html(status, templates.render(template, all),
            visit.newSession() ? csrf.setCookie(visit.session()) : null, hosted == null ? null : hosted.origin());
    }

    SitePage problem(Visit visit, int status, String title, String message) {
        return page(visit, status, title, "problem", Map.of("message", message));
    }

    /** The payment step of a new order: the provider's checkout page, or the site's own payment form. */
    SitePage paymentStep(Visit visit, Order order) {
        if (order == null) {
            return problem(visit, 503, "Busy", "The site is taking too many orders. Please try later.");
        }
        return hosted == null ? payForm(visit, order) : SitePage.redirect(hosted.checkoutFor(order).toString());
    }

    /** The payment form of an order: a new card, a gift or a recharge. */
    SitePage payForm(Visit visit, Order order) {
        Map<String, Object> values = new HashMap<>();
        values.put("orderId", order.orderId());
        values.put("amount", MoneyText.format(order.amountMinor()));
        values.put("currency", order.currency());
        values.put("email", order.buyerEmail());
        if (order.isRecharge()) {
            values.put("recharge", true);
            values.put("maskedNumber", RechargeDesk.masked(order.rechargeCard()));
        } else if (order.gift() != null) {
            values.put("gift", true);
            values.put("recipientEmail", order.gift().recipientEmail());
            values.put("message", order.gift().message());
        }
        return page(visit, 200, "Pay", "pay", values);
    }

    /** {@code 9000006746954021} as {@code 9000 0067 4695 4021}, as printed on cards. */
    static String grouped(String digits) {
        StringBuilder text = new StringBuilder(digits.length() + digits.length() / 4);
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                text.append(' ');
            }
            text.append(digits.charAt(i));
        }
        return text.toString();
    }
}
