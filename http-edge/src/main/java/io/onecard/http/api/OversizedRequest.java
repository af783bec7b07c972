package io.onecard.http.api;

/**
 * Stands in for a request whose body was over the limit, so that its 413 answer takes the request's place in
 * the response order. Carries no part of the request.
 *
 * @param method the request's method, for the access log
 * @param limitBytes the body limit that was exceeded
 */
record OversizedRequest(String method, int limitBytes) {
}
