package io.onecard.http.site;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the site's pages with what every page carries: the title, the payment provider's name, the
 * session's CSRF token for its forms, an error list, and the session cookie when the session is new.
 */
final class PageMaker {
    private final SiteTemplates templates;
    private final CsrfGuard csrf;
    private final PaymentProvider provider;

    PageMaker(SiteTemplates templates, CsrfGuard csrf, PaymentProvider provider) {
        this.templates = templates;
        this.csrf = csrf;
        this.provider = provider;
    }

    SitePage page(Visit visit, int status, String title, String template, Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(values);
        all.put("title", title);
        all.put("providerName", provider.name());
        all.put("sandbox", provider instanceof SandboxPaymentProvider);
        all.put("csrf", csrf.token(visit.session()));
        all.putIfAbsent("errors", List.of());
        return SitePage.html(status, templates.render(template, all),
            visit.newSession() ? csrf.setCookie(visit.session()) : null);
    }

    SitePage problem(Visit visit, int status, String title, String message) {
        return page(visit, status, title, "problem", Map.of("message", message));
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
