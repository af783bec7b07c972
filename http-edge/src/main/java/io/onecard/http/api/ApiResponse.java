package io.onecard.http.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.onecard.http.site.SitePage;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A finished answer, not yet written: status, body bytes, content type and extra headers.
 *
 * <p>Built from values only (never from the clock or the connection), so that the same outcome always gives
 * the same bytes.
 *
 * @param status the HTTP status
 * @param body the body bytes
 * @param contentType the body's media type
 * @param headers extra headers ({@code Retry-After}, {@code Allow}, {@code WWW-Authenticate}, the site's
 *     security headers and cookie), in the order they are written; empty for none
 * @param error the API error this answer carries, or {@code null} for a success
 */
record ApiResponse(
    HttpResponseStatus status,
    byte[] body,
    String contentType,
    Map<String, String> headers,
    ApiError error) {

    static final String JSON = "application/json; charset=utf-8";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** Seconds a client should wait before it retries an overloaded request. */
    static final String RETRY_AFTER_SECONDS = "1";

    static ApiResponse json(HttpResponseStatus status, byte[] body) {
        return new ApiResponse(status, body, JSON, Map.of(), null);
    }

    static ApiResponse text(String contentType, String body) {
        return new ApiResponse(HttpResponseStatus.OK, body.getBytes(StandardCharsets.UTF_8), contentType,
            Map.of(), null);
    }

    /** An error with its fixed message. */
    static ApiResponse error(ApiError error) {
        return error(error, error.message());
    }

    /** An error with a message that says more precisely what was wrong. */
    static ApiResponse error(ApiError error, String message) {
        byte[] body = JsonBodies.error(error.code(), message);
        if (error.retryLater()) {
            return new ApiResponse(error.status(), body, JSON, Map.of("Retry-After", RETRY_AFTER_SECONDS), error);
        }
        if (error == ApiError.UNAUTHORIZED) {
            return new ApiResponse(error.status(), body, JSON, Map.of("WWW-Authenticate", "Bearer"), error);
        }
        return new ApiResponse(error.status(), body, JSON, Map.of(), error);
    }

    /** A 405 that names the one method the path allows. */
    static ApiResponse methodNotAllowed(String allowed) {
        ApiError error = ApiError.METHOD_NOT_ALLOWED;
        return new ApiResponse(error.status(), JsonBodies.error(error.code(), error.message()), JSON,
            Map.of("Allow", allowed), error);
    }

    /** A page of the card site, with its own headers. */
    static ApiResponse page(SitePage page) {
        return new ApiResponse(HttpResponseStatus.valueOf(page.status()), page.body(), page.contentType(),
            page.headers(), null);
    }
}
