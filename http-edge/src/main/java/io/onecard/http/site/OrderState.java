package io.onecard.http.site;

/**
 * Where an order stands. An order moves only forward: {@code PENDING} to {@code PAID} or {@code DECLINED};
 * {@code PAID} to {@code FULFILLED} or {@code REFUSED}. A declined order may still become {@code PAID} when
 * the provider later confirms a payment for it, because then the buyer's money was taken.
 */
enum OrderState {
    /** Waiting for the payment. */
    PENDING,
    /** Paid: the card is to be issued (or recharged), and will be, after a restart too. */
    PAID,
    /** The card was issued or recharged. */
    FULFILLED,
    /** The payment was declined: nothing was issued. */
    DECLINED,
    /** Paid, but the ledger refused the card or the recharge: an operator must settle it with the buyer. */
    REFUSED;

    /** True when nothing more happens to the order by itself. */
    boolean isClosed() {
        return this == FULFILLED || this == DECLINED || this == REFUSED;
    }
}
