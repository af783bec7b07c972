package io.onecard.ops.ledger;

/**
 * A card just issued, with the PIN that is shown only at this moment.
 *
 * @param cardNumber the sixteen digits
 * @param pin the card's PIN, to be handed to its holder and kept nowhere else
 * @param currency ISO 4217 code
 * @param balanceMinor the value loaded, in minor units
 */
public record IssuedCard(long cardNumber, String pin, String currency, long balanceMinor) {
    /** Keeps {@code toString} from ever showing the PIN or the whole number. */
    @Override
    public String toString() {
        return "IssuedCard[" + io.onecard.core.card.CardNumbers.mask(cardNumber) + ", " + currency + " "
            + balanceMinor + "]";
    }
}
