package io.onecard.core.card;

import io.onecard.core.ledger.Command;

/**
 * The one check of an e-mail address that every part of OneCard applies, so that the site, the API and the
 * ledger agree on which addresses a card may carry.
 *
 * <p>Deliberately plain: one {@code @} between a non-empty local part and a dotted domain, at most
 * {@value Command#MAX_OWNER_EMAIL_LENGTH} characters, printable ASCII without spaces, quotes, angle brackets,
 * commas or semicolons, so that an address can never smuggle a second recipient or a header into a message.
 */
public final class EmailAddresses {
    private static final String FORBIDDEN = "\"<>(),;:\\[]";

    private EmailAddresses() {
    }

    /** True when {@code address} is an address OneCard accepts. */
    public static boolean isValid(String address) {
        if (address == null || address.isEmpty() || address.length() > Command.MAX_OWNER_EMAIL_LENGTH) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c > '~' || FORBIDDEN.indexOf(c) >= 0) {
                return false;
            }
        }
        int at = address.indexOf('@');
        if (at < 1 || at != address.lastIndexOf('@')) {
            return false;
        }
        String domain = address.substring(at + 1);
        int dot = domain.indexOf('.');
        return dot > 0 && !domain.endsWith(".") && !domain.contains("..");
    }
}
