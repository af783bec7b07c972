package io.onecard.http.api;

import io.netty.handler.codec.http.HttpMethod;

/**
 * Every path the server answers, with its method, who may call it and what it requires.
 *
 * <p>The template is what logs and metrics show, so that no card number or id ever becomes part of a metric
 * name or a log line by way of the path.
 */
enum Route {
    ISSUE_CARD(HttpMethod.POST, "/v1/cards", true, true, false),
    GET_CARD(HttpMethod.GET, "/v1/cards/{card_number}", false, false, true),
    RECHARGE(HttpMethod.POST, "/v1/cards/{card_number}/recharges", false, true, true),
    BLOCK_CARD(HttpMethod.POST, "/v1/cards/{card_number}/block", true, false, true),
    UNBLOCK_CARD(HttpMethod.POST, "/v1/cards/{card_number}/unblock", true, false, true),
    CLOSE_CARD(HttpMethod.POST, "/v1/cards/{card_number}/close", true, false, true),
    TRANSACTIONS(HttpMethod.GET, "/v1/cards/{card_number}/transactions", false, false, true),
    AUTHORIZE(HttpMethod.POST, "/v1/authorizations", false, true, true),
    CAPTURE(HttpMethod.POST, "/v1/authorizations/{id}/capture", false, true, false),
    VOID(HttpMethod.POST, "/v1/authorizations/{id}/void", false, true, false),
    DEBIT(HttpMethod.POST, "/v1/debits", false, true, true),
    REFUND(HttpMethod.POST, "/v1/refunds", false, true, false),
    /** A live audit of the ledger (OneCard's addition to API.md). */
    ADMIN_AUDIT(HttpMethod.POST, "/v1/admin/audit", true, false, false),
    HEALTHZ(HttpMethod.GET, "/healthz", false, false, false),
    METRICS(HttpMethod.GET, "/metrics", false, false, false),
    /** A page, form or style sheet of the cyber card site. */
    SITE(null, "site", false, false, false),
    /** Any request that matched no path, or could not be read at all. */
    UNMATCHED(null, "unmatched", false, false, false);

    private final HttpMethod method;
    private final String template;
    private final boolean adminOnly;
    private final boolean movesMoney;
    private final boolean namesCard;

    Route(HttpMethod method, String template, boolean adminOnly, boolean movesMoney, boolean namesCard) {
        this.method = method;
        this.template = template;
        this.adminOnly = adminOnly;
        this.movesMoney = movesMoney;
        this.namesCard = namesCard;
    }

    HttpMethod method() {
        return method;
    }

    String template() {
        return template;
    }

    /** True when the role's key may call this route. */
    boolean allows(Role role) {
        return role == Role.ADMIN || !adminOnly;
    }

    /** True when the route needs an {@code Idempotency-Key}: it moves money (card issue included). */
    boolean movesMoney() {
        return movesMoney;
    }

    /** True when the route names a card, so failed attempts from the client may have it refused. */
    boolean namesCard() {
        return namesCard;
    }

    /** True when the route needs an API key. */
    boolean needsKey() {
        return this != HEALTHZ && this != METRICS && this != UNMATCHED && this != SITE;
    }

    /**
     * Finds the route of a decoded path.
     *
     * @return the route with its path parameter (the card number or authorization id, else {@code null}),
     *     or {@code null} when no route has this path
     */
    static Match match(String path) {
        String[] parts = path.split("/", -1);
        if (parts.length < 2 || !parts[0].isEmpty()) {
            return null;
        }
        if (parts.length == 2) {
            return switch (parts[1]) {
                case "healthz" -> new Match(HEALTHZ, null);
                case "metrics" -> new Match(METRICS, null);
                default -> null;
            };
        }
        if (!"v1".equals(parts[1])) {
            return null;
        }
        return switch (parts[2]) {
            case "cards" -> matchCards(parts);
            case "authorizations" -> matchAuthorizations(parts);
            case "debits" -> parts.length == 3 ? new Match(DEBIT, null) : null;
            case "refunds" -> parts.length == 3 ? new Match(REFUND, null) : null;
            case "admin" -> parts.length == 4 && "audit".equals(parts[3]) ? new Match(ADMIN_AUDIT, null) : null;
            default -> null;
        };
    }

    private static Match matchCards(String[] parts) {
        if (parts.length == 3) {
            return new Match(ISSUE_CARD, null);
        }
        String card = parts[3];
        if (card.isEmpty()) {
            return null;
        }
        if (parts.length == 4) {
            return new Match(GET_CARD, card);
        }
        if (parts.length != 5) {
            return null;
        }
        Route route = switch (parts[4]) {
            case "recharges" -> RECHARGE;
            case "block" -> BLOCK_CARD;
            case "unblock" -> UNBLOCK_CARD;
            case "close" -> CLOSE_CARD;
            case "transactions" -> TRANSACTIONS;
            default -> null;
        };
        return route == null ? null : new Match(route, card);
    }

    private static Match matchAuthorizations(String[] parts) {
        if (parts.length == 3) {
            return new Match(AUTHORIZE, null);
        }
        if (parts.length != 5 || parts[3].isEmpty()) {
            return null;
        }
        Route route = switch (parts[4]) {
            case "capture" -> CAPTURE;
            case "void" -> VOID;
            default -> null;
        };
        return route == null ? null : new Match(route, parts[3]);
    }

    /** A matched route and its path parameter. */
    record Match(Route route, String parameter) {
    }
}
