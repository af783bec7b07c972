package io.onecard.http.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * A finished answer, not yet written: status, body bytes, content type and at most one extra header.
 *
 * <p>Built from values only (never from the clock or the connection), so that the same outcome always gives
 * the same bytes.
 *
 * @param status the HTTP status
 * @param body the body bytes
 * @param contentType the body's media type
 * @param headerName an extra header ({@code Retry-After}, {@code Allow}, {@code WWW-Authenticate}) or
 *     {@code null}
 * @param headerValue the extra header's value
 * @param error the API error this answer carries, or {@code null} for a success
 */
record ApiResponse(
    HttpResponseStatus status,
    byte[] body,
    String contentType,
    String headerName,
    String headerValue,
    ApiError error) {

    static final String JSON = "application/json; charset=utf-8";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** Seconds a client should wait before it retries an overloaded request. */
    static final String RETRY_AFTER_SECONDS = "1";

    static ApiResponse json(HttpResponseStatus status, byte[] body) {
        return new ApiResponse(status, body, JSON, null, null, null);
    }

    static ApiResponse text(String contentType, String body) {
        return new ApiResponse(HttpResponseStatus.OK, body.getBytes(StandardCharsets.UTF_8), contentType, null,
            null, null);
    }

    /** An error with its fixed message. */
    static ApiResponse error(ApiError error) {
        return error(error, error.message());
    }

    /** An error with a message that says more precisely what was wrong. */
    static ApiResponse error(ApiError error, String message) {
        byte[] body = JsonBodies.error(error.code(), message);
        if (error.retryLater()) {
            return new ApiResponse(error.status(), body, JSON, "Retry-After", RETRY_AFTER_SECONDS, error);
        }
        if (error == ApiError.UNAUTHORIZED) {
            return new ApiResponse(error.status(), body, JSON, "WWW-Authenticate", "Bearer", error);
        }
        return new ApiResponse(error.status(), body, JSON, null, null, error);
    }

    /** A 405 that names the one method the path allows. */
    static ApiResponse methodNotAllowed(String allowed) {
        ApiError error = ApiError.METHOD_NOT_ALLOWED;
        return new ApiResponse(error.status(), JsonBodies.error(error.code(), error.message()), JSON, "Allow",
            allowed, error);
    }
}
