package io.onecard.http.site;

/**
 * One e-mail of the site, with a plain-text and an HTML part carrying the same content.
 *
 * @param to the recipient's address
 * @param subject the subject line
 * @param text the plain-text part
 * @param html the HTML part
 */
record SiteMail(String to, String subject, String text, String html) {
}
