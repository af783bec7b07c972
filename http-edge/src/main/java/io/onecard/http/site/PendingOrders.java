package io.onecard.http.site;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Orders taken and not yet paid, held in memory under an unguessable id, at most {@code capacity} of them,
 * each for at most {@link #LIFETIME_NANOS}. An order is taken out when its payment is tried, so that one
 * order is paid at most once.
 */
final class PendingOrders {
    /** How long an order waits for its payment. */
    static final long LIFETIME_NANOS = 30L * 60 * 1_000_000_000L;
    private static final int ID_BYTES = 16;

    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final int capacity;
    private final LongSupplier nanoClock;

    PendingOrders(int capacity, LongSupplier nanoClock) {
        this.capacity = capacity;
        this.nanoClock = nanoClock;
    }

    /**
     * Takes an order (a new card, or a recharge of {@code rechargeCard}), or returns {@code null} when the
     * site holds as many as it may.
     */
    Order add(long amountMinor, String currency, String buyerEmail, long rechargeCard, Order.Gift gift) {
        if (orders.size() >= capacity) {
            long now = nanoClock.getAsLong();
            orders.values().removeIf(order -> now - order.createdNanos() > LIFETIME_NANOS);
            if (orders.size() >= capacity) {
                return null;
            }
        }
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        Order order = new Order(HexFormat.of().formatHex(id), amountMinor, currency, buyerEmail, rechargeCard, gift,
            nanoClock.getAsLong());
        orders.put(order.orderId(), order);
        return order;
    }

    /** Removes and returns the order, or {@code null} when it is unknown, already taken or expired. */
    Order take(String orderId) {
        if (orderId == null) {
            return null;
        }
        Order order = orders.remove(orderId);
        if (order == null || nanoClock.getAsLong() - order.createdNanos() > LIFETIME_NANOS) {
            return null;
        }
        return order;
    }
}
