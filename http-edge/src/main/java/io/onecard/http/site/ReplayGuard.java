package io.onecard.http.site;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the signed webhook deliveries seen lately, so that the very same delivery sent again (same
 * timestamp, same signature) is refused.
 *
 * <p>A delivery need be remembered only while its timestamp is within the tolerance: after that the
 * timestamp check refuses it anyway. So each is kept for twice the tolerance from its arrival, and at most
 * {@code capacity} are kept, the oldest going first. The memory does not survive a restart; a delivery
 * replayed after one is answered like a duplicate (the order is already paid), which issues nothing.
 */
final class ReplayGuard {
    private final Map<String, Long> seen = new LinkedHashMap<>();
    private final int capacity;
    private final long keepMillis;

    ReplayGuard(int capacity, long toleranceMillis) {
        this.capacity = capacity;
        this.keepMillis = 2 * toleranceMillis;
    }

    /** Records the delivery; false when it was seen before (a replay). Any thread. */
    synchronized boolean firstSighting(String deliveryKey, long nowMillis) {
        Iterator<Map.Entry<String, Long>> oldest = seen.values().isEmpty() ? null : seen.entrySet().iterator();
        while (oldest != null && oldest.hasNext() && oldest.next().getValue() <= nowMillis - keepMillis) {
            oldest.remove();
        }
        if (seen.containsKey(deliveryKey)) {
            return false;
        }
        if (seen.size() >= capacity) {
            Iterator<String> first = seen.keySet().iterator();
            first.next();
            first.remove();
        }
        seen.put(deliveryKey, nowMillis);
        return true;
    }
}
