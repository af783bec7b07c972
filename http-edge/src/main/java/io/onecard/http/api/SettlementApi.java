package io.onecard.http.api;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.PinSecret;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Credential;
import io.onecard.core.ledger.Result;
import io.onecard.core.ledger.ResultCode;
import io.onecard.core.ring.CommandWriter;
import io.onecard.http.CoreAccess;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The settlement API's requests: route, key, role, limits and body checked on the event loop, then one
 * command published to the ring without waiting; the answer is written when the ledger's result comes back.
 *
 * <p>Order of checks: path (404, 405), key (401), role (403), readiness (503), failed card or PIN attempts
 * from this client address (429, gateway key only: the admin key can read every card without a PIN, so
 * there is nothing for it to guess), path parameters, {@code Idempotency-Key} and body (400). Nothing is
 * published unless every check passed, so bad input changes nothing. A full ring is answered 503
 * {@code overloaded} at once.
 */
final class SettlementApi {
    /** Longest {@code Idempotency-Key}, in printable ASCII characters. */
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;
    /** Longest hold an authorization may ask for; the ledger's own maximum may be shorter. */
    static final long MAX_EXPIRES_IN_SECONDS = 366L * 24 * 3600;
    /** Longest history cursor, in digits. */
    static final int MAX_CURSOR_DIGITS = 18;

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String CARD_PIN = "X-Card-Pin";

    private final CoreAccess ledger;
    private final ApiKeys keys;
    private final FailedAttempts failedAttempts;
    private final ApiMetrics metrics;
    private final OutcomeRenderer renderer;
    private final RequestBodies bodies = new RequestBodies();
    private final AuditDesk audits;

    /**
     * The API over a ledger.
     *
     * @param audits runs {@code POST /v1/admin/audit}, or {@code null} when this server offers no live audit
     */
    SettlementApi(CoreAccess ledger, ApiKeys keys, FailedAttempts failedAttempts, ApiMetrics metrics,
                  AuditDesk audits) {
        this.ledger = ledger;
        this.audits = audits;
        this.keys = keys;
        this.failedAttempts = failedAttempts;
        this.metrics = metrics;
        this.renderer = new OutcomeRenderer(ledger.pinSecret());
    }

    /** Checks a request and publishes its command, or answers it at once. Event loop only. */
    void handle(FullHttpRequest request, Exchange exchange) {
        try {
            route(request, exchange);
        } catch (RequestRefused refused) {
            exchange.complete(ApiResponse.error(refused.error(), refused.getMessage()));
        }
    }

    private void route(FullHttpRequest request, Exchange exchange) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri(), StandardCharsets.UTF_8, true, 16);
        Route.Match match = Route.match(uri.rawPath());
        if (match == null) {
            throw new RequestRefused(ApiError.NOT_FOUND, "no such path");
        }
        Route route = match.route();
        exchange.route(route);
        if (!route.method().equals(request.method())) {
            exchange.complete(ApiResponse.methodNotAllowed(route.method().name()));
            return;
        }
        if (route == Route.HEALTHZ) {
            exchange.complete(health());
            return;
        }
        if (route == Route.METRICS) {
            exchange.complete(metricsText());
            return;
        }
        Role role = keys.roleOf(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (role == null) {
            throw new RequestRefused(ApiError.UNAUTHORIZED, ApiError.UNAUTHORIZED.message());
        }
        exchange.role(role);
        if (!route.allows(role)) {
            throw new RequestRefused(ApiError.FORBIDDEN, ApiError.FORBIDDEN.message());
        }
        if (!ledger.recovered().getAsBoolean()) {
            throw new RequestRefused(ApiError.UNAVAILABLE, ApiError.UNAVAILABLE.message());
        }
        if (role == Role.GATEWAY && route.namesCard() && exchange.client() != null
            && failedAttempts.isBlocked(exchange.client())) {
            throw new RequestRefused(ApiError.RATE_LIMITED, ApiError.RATE_LIMITED.message());
        }
        if (route != Route.TRANSACTIONS && !uri.rawQuery().isEmpty()) {
            throw RequestRefused.invalid("this path takes no query parameters");
        }
        String key = route.movesMoney() ? idempotencyKey(request, role) : null;
        dispatch(route, match.parameter(), request, uri, role, key, exchange);
    }

    private void dispatch(Route route, String parameter, FullHttpRequest request, QueryStringDecoder uri, Role role,
                          String key, Exchange exchange) {
        switch (route) {
            case ISSUE_CARD -> issue(request, role, key, exchange);
            case GET_CARD -> queryCard(card(parameter, exchange), request, role, exchange);
            case RECHARGE -> recharge(card(parameter, exchange), request, role, key, exchange);
            case BLOCK_CARD, UNBLOCK_CARD, CLOSE_CARD -> changeStatus(route, card(parameter, exchange), request,
                exchange);
            case TRANSACTIONS -> history(card(parameter, exchange), request, uri, role, exchange);
            case AUTHORIZE, DEBIT -> spend(route, request, role, key, exchange);
            case CAPTURE -> capture(holdId(parameter), request, role, key, exchange);
            case VOID -> voidHold(holdId(parameter), request, role, key, exchange);
            case REFUND -> refund(request, role, key, exchange);
            case ADMIN_AUDIT -> audit(request, exchange);
            default -> throw new RequestRefused(ApiError.NOT_FOUND, "no such path");
        }
    }

    private void issue(FullHttpRequest request, Role role, String key, Exchange exchange) {
        RequestBodies.IssueCard body = bodies.issueCard(request.content());
        publish(Route.ISSUE_CARD, exchange, body.pin(), command -> {
            command.type(CommandType.ISSUE_CARD).channel(role.channel()).idempotencyKey(key)
                .amountMinor(body.amountMinor()).currency(body.currency()).expiresOnEpochDay(body.expiresOnEpochDay())
                .ownerEmail(body.ownerEmail());
            if (body.pin() != null) {
                command.pin(body.pin()).credential(Credential.PIN);
            }
        });
    }

    private void queryCard(long cardNumber, FullHttpRequest request, Role role, Exchange exchange) {
        bodies.requireEmpty(request.content());
        String pin = cardPin(request, role);
        publish(Route.GET_CARD, exchange, null, command -> {
            command.type(CommandType.QUERY_CARD).channel(role.channel()).cardNumber(cardNumber);
            if (pin != null) {
                command.pin(pin).credential(Credential.PIN);
            }
        });
    }

    private void recharge(long cardNumber, FullHttpRequest request, Role role, String key, Exchange exchange) {
        RequestBodies.Recharge body = bodies.recharge(request.content());
        publish(Route.RECHARGE, exchange, null, command -> command.type(CommandType.RECHARGE)
            .channel(role.channel()).idempotencyKey(key).cardNumber(cardNumber).amountMinor(body.amountMinor())
            .currency(body.currency()).reference(body.reference()));
    }

    private void changeStatus(Route route, long cardNumber, FullHttpRequest request, Exchange exchange) {
        bodies.requireEmpty(request.content());
        CommandType type = switch (route) {
            case BLOCK_CARD -> CommandType.BLOCK_CARD;
            case UNBLOCK_CARD -> CommandType.UNBLOCK_CARD;
            default -> CommandType.CLOSE_CARD;
        };
        publish(route, exchange, null, command -> command.type(type).channel(Role.ADMIN.channel())
            .cardNumber(cardNumber));
    }

    private void history(long cardNumber, FullHttpRequest request, QueryStringDecoder uri, Role role,
                         Exchange exchange) {
        bodies.requireEmpty(request.content());
        Map<String, List<String>> parameters;
        try {
            parameters = uri.parameters();
        } catch (IllegalArgumentException malformed) {
            throw RequestRefused.invalid("malformed query string");
        }
        for (String name : parameters.keySet()) {
            if (!"limit".equals(name) && !"cursor".equals(name)) {
                throw RequestRefused.invalid("unknown query parameter");
            }
        }
        int limit = (int) queryNumber(parameters, "limit", 1, Result.MAX_PAGE_ITEMS, 0);
        long cursor = queryNumber(parameters, "cursor", 1, Long.MAX_VALUE, 0);
        String pin = cardPin(request, role);
        publish(Route.TRANSACTIONS, exchange, null, command -> {
            command.type(CommandType.QUERY_HISTORY).channel(role.channel()).cardNumber(cardNumber)
                .limit(limit).cursor(cursor);
            if (pin != null) {
                command.pin(pin).credential(Credential.PIN);
            }
        });
    }

    private void spend(Route route, FullHttpRequest request, Role role, String key, Exchange exchange) {
        RequestBodies.Spend body = route == Route.AUTHORIZE
            ? bodies.authorization(request.content()) : bodies.debit(request.content());
        exchange.cardNumber(body.cardNumber());
        CommandType type = route == Route.AUTHORIZE ? CommandType.AUTHORIZE : CommandType.DEBIT;
        publish(route, exchange, null, command -> command.type(type).channel(role.channel()).idempotencyKey(key)
            .cardNumber(body.cardNumber()).pin(body.pin()).credential(Credential.PIN)
            .amountMinor(body.amountMinor()).currency(body.currency()).reference(body.reference())
            .holdSeconds(body.holdSeconds()));
    }

    private void capture(long holdId, FullHttpRequest request, Role role, String key, Exchange exchange) {
        RequestBodies.Capture body = bodies.capture(request.content());
        publish(Route.CAPTURE, exchange, null, command -> command.type(CommandType.CAPTURE).channel(role.channel())
            .idempotencyKey(key).holdId(holdId).fullAmount(body.full()).amountMinor(body.amountMinor()));
    }

    private void voidHold(long holdId, FullHttpRequest request, Role role, String key, Exchange exchange) {
        bodies.requireEmpty(request.content());
        publish(Route.VOID, exchange, null, command -> command.type(CommandType.VOID).channel(role.channel())
            .idempotencyKey(key).holdId(holdId));
    }

    private void refund(FullHttpRequest request, Role role, String key, Exchange exchange) {
        RequestBodies.Refund body = bodies.refund(request.content());
        publish(Route.REFUND, exchange, null, command -> command.type(CommandType.REFUND).channel(role.channel())
            .idempotencyKey(key).transactionId(body.transactionId()).amountMinor(body.amountMinor()));
    }

    private void audit(FullHttpRequest request, Exchange exchange) {
        bodies.requireEmpty(request.content());
        if (audits == null) {
            throw new RequestRefused(ApiError.NOT_FOUND, "this server offers no live audit");
        }
        CompletableFuture<ApiResponse> answer = audits.tryStart();
        if (answer == null) {
            throw new RequestRefused(ApiError.AUDIT_RUNNING, ApiError.AUDIT_RUNNING.message());
        }
        answer.thenAccept(response -> exchange.completeLater(() -> response));
    }

    /** Publishes one command; the answer is rendered on the event loop when the result comes back. */
    private void publish(Route route, Exchange exchange, String requestPin, CommandWriter writer) {
        boolean published = ledger.sink().tryPublish(writer, command -> {
            Outcome outcome = Outcome.of(command.result());
            if (outcome.code == ResultCode.CARD_DECLINED && !outcome.replayed && exchange.role() == Role.GATEWAY
                && exchange.client() != null) {
                failedAttempts.recordFailure(exchange.client());
            }
            exchange.completeLater(() -> renderer.render(route, outcome, requestPin));
        });
        if (!published) {
            metrics.recordOverloaded();
            exchange.complete(ApiResponse.error(ApiError.OVERLOADED));
        }
    }

    private ApiResponse health() {
        if (!ledger.recovered().getAsBoolean()) {
            return ApiResponse.error(ApiError.UNAVAILABLE);
        }
        byte[] body = JsonBodies.object(json -> json.writeStringField("status", "ok"));
        return ApiResponse.json(HttpResponseStatus.OK, body);
    }

    private ApiResponse metricsText() {
        String text = metrics.scrape();
        if (text == null) {
            return ApiResponse.error(ApiError.NOT_FOUND, "no Prometheus registry is configured");
        }
        return ApiResponse.text(ApiResponse.PROMETHEUS_TEXT, text);
    }

    private static long card(String text, Exchange exchange) {
        long cardNumber = CardNumbers.parse(text);
        if (cardNumber == CardNumbers.NONE) {
            throw RequestRefused.invalid("card_number must be 16 digits with a valid check digit");
        }
        exchange.cardNumber(cardNumber);
        return cardNumber;
    }

    private static long holdId(String text) {
        long id = ApiFormats.parseId(text, ApiFormats.AUTHORIZATION_PREFIX);
        if (id == 0) {
            throw new RequestRefused(ApiError.NOT_FOUND, "no such authorization");
        }
        return id;
    }

    /** The client's key, scoped by role; refused when missing, repeated or malformed. */
    private static String idempotencyKey(FullHttpRequest request, Role role) {
        List<String> values = request.headers().getAll(IDEMPOTENCY_KEY);
        if (values.size() != 1) {
            throw RequestRefused.invalid(values.isEmpty() ? "Idempotency-Key is required"
                : "Idempotency-Key must be given once");
        }
        String key = values.get(0);
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw RequestRefused.invalid("Idempotency-Key must have 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
                + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < ' ' || c > '~') {
                throw RequestRefused.invalid("Idempotency-Key must be printable ASCII");
            }
        }
        return role.keyScope() + key;
    }

    /** The gateway's {@code X-Card-Pin}, required for it; the admin needs none, and any it sends is unused. */
    private static String cardPin(FullHttpRequest request, Role role) {
        if (role == Role.ADMIN) {
            return null;
        }
        List<String> values = request.headers().getAll(CARD_PIN);
        if (values.size() != 1) {
            throw RequestRefused.invalid(values.isEmpty() ? "X-Card-Pin is required"
                : "X-Card-Pin must be given once");
        }
        String pin = values.get(0);
        if (!PinSecret.isValidPin(pin)) {
            throw RequestRefused.invalid("X-Card-Pin must be 4 to 8 digits");
        }
        return pin;
    }

    private static long queryNumber(Map<String, List<String>> parameters, String name, long min, long max,
                                    long absent) {
        List<String> values = parameters.get(name);
        if (values == null) {
            return absent;
        }
        if (values.size() != 1) {
            throw RequestRefused.invalid(name + " must be given once");
        }
        String text = values.get(0);
        if (text.isEmpty() || text.length() > MAX_CURSOR_DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw RequestRefused.invalid(name + " must be a number from " + min + " to " + max);
        }
        long value = Long.parseLong(text);
        if (value < min || value > max) {
            throw RequestRefused.invalid(name + " must be a number from " + min + " to " + max);
        }
        return value;
    }
}
