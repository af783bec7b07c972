package io.onecard.http.api;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Every error the settlement API answers, with its HTTP status, its machine-readable code and a fixed
 * message.
 *
 * <p>The message of an error that comes from the ledger is fixed per code, so that a replayed result renders
 * to the same bytes as the first one, and so that {@link #CARD_DECLINED} is one identical body whatever the
 * reason was (unknown card, wrong PIN, locked, blocked, closed, expired).
 */
public enum ApiError {
    INVALID_REQUEST(HttpResponseStatus.BAD_REQUEST, "invalid_request", "The request is not valid."),
    UNAUTHORIZED(HttpResponseStatus.UNAUTHORIZED, "unauthorized", "A valid API key is required."),
    CARD_DECLINED(HttpResponseStatus.PAYMENT_REQUIRED, "card_declined", "The card was declined."),
    INSUFFICIENT_FUNDS(HttpResponseStatus.PAYMENT_REQUIRED, "insufficient_funds",
        "The card's available balance is too low."),
    FORBIDDEN(HttpResponseStatus.FORBIDDEN, "forbidden", "This key may not do this."),
    NOT_FOUND(HttpResponseStatus.NOT_FOUND, "not_found", "No such resource."),
    METHOD_NOT_ALLOWED(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
        "This method is not allowed here."),
    REQUEST_TIMEOUT(HttpResponseStatus.REQUEST_TIMEOUT, "request_timeout",
        "The request did not arrive in time."),
    IDEMPOTENCY_CONFLICT(HttpResponseStatus.CONFLICT, "idempotency_conflict",
        "This Idempotency-Key was used with another request."),
    INVALID_STATE(HttpResponseStatus.CONFLICT, "invalid_state", "The operation is not possible in this state."),
    PAYLOAD_TOO_LARGE(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "payload_too_large",
        "The request body is too large."),
    URI_TOO_LONG(HttpResponseStatus.REQUEST_URI_TOO_LONG, "uri_too_long", "The request line is too long."),
    CURRENCY_MISMATCH(HttpResponseStatus.UNPROCESSABLE_ENTITY, "currency_mismatch",
        "The currency differs from the card's currency."),
    RATE_LIMITED(HttpResponseStatus.TOO_MANY_REQUESTS, "rate_limited",
        "Too many failed card or PIN attempts; try again later."),
    HEADERS_TOO_LARGE(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers_too_large",
        "The request headers are too large."),
    INTERNAL_ERROR(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error", "The server failed."),
    OVERLOADED(HttpResponseStatus.SERVICE_UNAVAILABLE, "overloaded", "The server is busy; retry shortly."),
    UNAVAILABLE(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable", "The ledger is still recovering."),
    CAPACITY_EXCEEDED(HttpResponseStatus.INSUFFICIENT_STORAGE, "capacity_exceeded",
        "The ledger has reached its configured capacity."),
    AUDIT_RUNNING(HttpResponseStatus.CONFLICT, "audit_running",
        "An audit is already running; ask again when it has ended."),
    AUDIT_FAILED(HttpResponseStatus.INTERNAL_SERVER_ERROR, "audit_failed",
        "The audit found differences between the stores and the journal.");

    private final HttpResponseStatus status;
    private final String code;
    private final String message;

    ApiError(HttpResponseStatus status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public HttpResponseStatus status() {
        return status;
    }

    /** The value of {@code error.code} in the body. */
    public String code() {
        return code;
    }

    /** The fixed message; validation errors may say more precisely what was wrong. */
    public String message() {
        return message;
    }

    /** True for the answers that ask the client to come back later ({@code Retry-After} is set). */
    public boolean retryLater() {
        return this == OVERLOADED || this == UNAVAILABLE;
    }
}
