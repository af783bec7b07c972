package io.onecard.http.api;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts failed card or PIN attempts per client address, so that one client cannot guess its way through
 * many cards (the ledger's own lock only protects one card at a time).
 *
 * <p>Each address has a fixed window that starts with its first failure; once {@code limit} failures fall
 * inside the window, the address is refused until the window ends. The map is bounded: when it is full,
 * expired windows are dropped first and then any entry, so that a flood of addresses costs memory
 * proportional to the bound, never more. Safe for use from many event-loop threads at once.
 */
public final class FailedAttempts {
    private final int limit;
    private final long windowNanos;
    private final int maxClients;
    private final LongSupplier clock;
    private final ConcurrentHashMap<InetAddress, Window> windows = new ConcurrentHashMap<>();

    public FailedAttempts(int limit, long windowNanos, int maxClients, LongSupplier clock) {
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.maxClients = maxClients;
        this.clock = clock;
    }

    /** True when the address has used up its failures for the current window. */
    public boolean isBlocked(InetAddress client) {
        Window window = windows.get(client);
        if (window == null) {
            return false;
        }
        long now = clock.getAsLong();
        if (now - window.startNanos >= windowNanos) {
            windows.remove(client, window);
            return false;
        }
        return window.failures >= limit;
    }

    /** Counts one failure for the address. */
    public void recordFailure(InetAddress client) {
        long now = clock.getAsLong();
        if (!windows.containsKey(client) && windows.size() >= maxClients) {
            makeRoom(now);
        }
        windows.compute(client, (address, window) -> {
            if (window == null || now - window.startNanos >= windowNanos) {
                return new Window(now, 1);
            }
            return new Window(window.startNanos, window.failures + 1);
        });
    }

    /** How many addresses are tracked now. */
    int trackedClients() {
        return windows.size();
    }

    private void makeRoom(long now) {
        windows.values().removeIf(window -> now - window.startNanos >= windowNanos);
        Iterator<InetAddress> addresses = windows.keySet().iterator();
        while (windows.size() >= maxClients && addresses.hasNext()) {
            addresses.next();
            addresses.remove();
        }
    }

    private record Window(long startNanos, int failures) {
    }
}
