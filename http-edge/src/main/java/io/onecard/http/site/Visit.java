package io.onecard.http.site;

/**
 * One request's browser session: its session value, and whether the value was drawn for this request
 * (then the answer sets the cookie).
 *
 * @param session the session value the CSRF tokens are computed from
 * @param newSession true when the browser sent no valid session cookie
 */
record Visit(String session, boolean newSession) {
}
