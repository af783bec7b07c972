package io.onecard.ops.ledger;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What an operator sees of a card: its status and money, never its PIN.
 *
 * @param cardNumber the sixteen digits
 * @param status {@code active}, {@code blocked}, {@code closed} or {@code expired}
 * @param currency ISO 4217 code
 * @param balanceMinor balance in minor units
 * @param heldMinor held by open holds, in minor units
 * @param availableMinor {@code balance - held}
 * @param expiresOn the card's expiry date, if it has one
 */
public record CardView(long cardNumber, String status, String currency, long balanceMinor, long heldMinor,
                       long availableMinor, Optional<LocalDate> expiresOn) {
}
