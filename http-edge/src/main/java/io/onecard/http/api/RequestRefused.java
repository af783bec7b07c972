package io.onecard.http.api;

/**
 * Thrown while a request is checked, before anything is published, to answer it with an error at once.
 *
 * <p>Carries no stack trace: refusing bad input is an expected outcome on the request path, not a fault.
 */
final class RequestRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    RequestRefused(ApiError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    static RequestRefused invalid(String message) {
        return new RequestRefused(ApiError.INVALID_REQUEST, message);
    }

    ApiError error() {
        return error;
    }
}
