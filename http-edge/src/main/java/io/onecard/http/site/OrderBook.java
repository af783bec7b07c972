package io.onecard.http.site;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every order of the site, kept durably in the data directory ({@code site/orders.jsonl}), so that a paid
 * order is fulfilled even when the server stopped before it could be.
 *
 * <p>All changes run on the book's own thread, one at a time, and each is forced to disk (see
 * {@link OrderFile}) before its caller is told; neither an event loop nor the ledger's replier ever waits on
 * the disk. Reading one order ({@link #find}) works from any thread.
 *
 * <p>Bounds: at most {@code maxPendingOrders} orders wait for a payment (each for {@link #PAYABLE_MILLIS});
 * orders are kept {@link #RETENTION_MILLIS} after they were taken and at most {@link #MAX_KEPT_ORDERS} in
 * all, the oldest closed ones going first. A paid order that is not yet fulfilled is never dropped. The file
 * is rewritten with only the orders kept at every start and whenever it holds {@link #REWRITE_FACTOR} times
 * more lines than orders.
 */
final class OrderBook implements AutoCloseable {
    /** How long after it was taken an order may still be paid from the site's own pages. */
    static final long PAYABLE_MILLIS = 30L * 60 * 1000;
    /** How long an order is kept after it was taken: its page and a late duplicate delivery still find it. */
    static final long RETENTION_MILLIS = 7L * 24 * 60 * 60 * 1000;
    /** Orders kept at most, all states. */
    static final int MAX_KEPT_ORDERS = 100_000;
    /** The file is rewritten when it has this many times more lines than orders (and at least 1,000). */
    static final int REWRITE_FACTOR = 2;
    private static final int MIN_LINES_BEFORE_REWRITE = 1_000;
    private static final long CLOSE_WAIT_SECONDS = 10;
    private static final int ID_BYTES = 16;
    private static final Logger LOG = LoggerFactory.getLogger(OrderBook.class);

    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread worker = new Thread(runnable, "site-orders");
        worker.setDaemon(true);
        return worker;
    });
    private final OrderFile file;
    private final int maxPendingOrders;
    private final LongSupplier clockMillis;

    /** The result of one change: the order before and after; {@code before} is {@code null} for none. */
    record Change(Order before, Order after) {
        boolean changed() {
            return before != after;
        }
    }

    OrderBook(Path dataDir, int maxPendingOrders, LongSupplier clockMillis) {
        this.maxPendingOrders = maxPendingOrders;
        this.clockMillis = clockMillis;
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.file = OrderFile.open(dataDir.resolve("site"), orders);
        long now = clockMillis.getAsLong();
        orders.values().removeIf(order -> droppable(order, now) && now - order.createdAtMillis() > RETENTION_MILLIS);
        file.rewrite(sorted());
        LOG.info("site orders: {} kept, {} paid and not yet fulfilled", orders.size(), paidOrders().size());
    }

    /** The order, as it is now, or {@code null}. Any thread. */
    Order find(String orderId) {
        return orderId == null ? null : orders.get(orderId);
    }

    /** Paid orders not yet fulfilled, oldest first. */
    List<Order> paidOrders() {
        List<Order> paid = new ArrayList<>();
        for (Order order : orders.values()) {
            if (order.state() == OrderState.PAID) {
                paid.add(order);
            }
        }
        paid.sort(Comparator.comparingLong(Order::createdAtMillis));
        return paid;
    }

    /** Fulfilled orders whose e-mail was not yet handed over. */
    List<Order> unmailedOrders() {
        List<Order> unmailed = new ArrayList<>();
        for (Order order : orders.values()) {
            if (order.state() == OrderState.FULFILLED && !order.mailed()) {
                unmailed.add(order);
            }
        }
        return unmailed;
    }

    /** True when a pending order may still be paid from the site's pages. */
    boolean isPayable(Order order) {
        return order.state() == OrderState.PENDING
            && clockMillis.getAsLong() - order.createdAtMillis() <= PAYABLE_MILLIS;
    }

    /**
     * Takes a new order, on the book's thread.
     *
     * @param done called with the order once it is on disk, or with {@code null} when the site holds as many
     *     orders as it may
     */
    void open(long amountMinor, String currency, String buyerEmail, long rechargeCard, Order.Gift gift,
              Consumer<Order> done) {
        run(() -> {
            long now = clockMillis.getAsLong();
            if (payableCount(now) >= maxPendingOrders || !makeRoom(now)) {
                done.accept(null);
                return;
            }
            byte[] id = new byte[ID_BYTES];
            random.nextBytes(id);
            Order order = Order.pending(HexFormat.of().formatHex(id), amountMinor, currency, buyerEmail,
                rechargeCard, gift, now);
            store(order);
            done.accept(order);
        });
    }

    /**
     * Changes one order, on the book's thread.
     *
     * @param change given the order as it is, returns it as it becomes, or the same instance for no change;
     *     not called for an unknown order
     * @param done called with the change once the new order is on disk
     */
    void update(String orderId, UnaryOperator<Order> change, Consumer<Change> done) {
        run(() -> {
            Order before = orders.get(orderId);
            if (before == null) {
                done.accept(new Change(null, null));
                return;
            }
            Order after = change.apply(before);
            if (after != before) {
                store(after);
            }
            done.accept(new Change(before, after));
        });
    }

    /** Runs a task on the book's thread after a delay, for retries; dropped once the book is closed. */
    void later(Runnable task, long delayMillis) {
        try {
            thread.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.debug("site orders: closed, a retry is left to the next start");
        }
    }

    private void run(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException failure) {
                    LOG.error("site orders: a change failed and was not made", failure);
                }
            });
        } catch (RejectedExecutionException closed) {
            LOG.info("site orders: closed, a change asked for after the stop was not made");
        }
    }

    private void store(Order order) {
        file.append(order);
        orders.put(order.orderId(), order);
        if (file.lines() >= MIN_LINES_BEFORE_REWRITE && file.lines() > (long) REWRITE_FACTOR * orders.size()) {
            file.rewrite(sorted());
        }
    }

    private long payableCount(long now) {
        return orders.values().stream().filter(order -> order.state() == OrderState.PENDING
            && now - order.createdAtMillis() <= PAYABLE_MILLIS).count();
    }

    /** Drops old orders until there is room for one more; false when every order kept must stay. */
    private boolean makeRoom(long now) {
        if (orders.size() < MAX_KEPT_ORDERS) {
            return true;
        }
        orders.values().removeIf(order -> droppable(order, now) && now - order.createdAtMillis() > RETENTION_MILLIS);
        List<Order> candidates = new ArrayList<>();
        for (Order order : orders.values()) {
            if (droppable(order, now)) {
                candidates.add(order);
            }
        }
        candidates.sort(Comparator.comparingLong(Order::createdAtMillis));
        int excess = orders.size() - MAX_KEPT_ORDERS + MAX_KEPT_ORDERS / 10;
        for (int i = 0; i < excess && i < candidates.size(); i++) {
            orders.remove(candidates.get(i).orderId());
        }
        file.rewrite(sorted());
        return orders.size() < MAX_KEPT_ORDERS;
    }

    /** True for an order nothing more will happen to: closed (and mailed), or pending past payment. */
    private static boolean droppable(Order order, long now) {
        if (order.state() == OrderState.PENDING) {
            return now - order.createdAtMillis() > PAYABLE_MILLIS;
        }
        return order.state().isClosed() && (order.mailed() || order.state() != OrderState.FULFILLED);
    }

    private List<Order> sorted() {
        List<Order> all = new ArrayList<>(orders.values());
        all.sort(Comparator.comparingLong(Order::createdAtMillis));
        return all;
    }

    /** Finishes the changes already asked for, then closes the file. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("site orders: changes still queued at shutdown were dropped");
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
        file.close();
    }
}
