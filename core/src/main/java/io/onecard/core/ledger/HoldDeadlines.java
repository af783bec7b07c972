package io.onecard.core.ledger;

import java.util.Arrays;

/**
 * The open holds ordered by deadline, then id: a binary min-heap over two primitive arrays, and the current
 * deadline of every open hold in an open-addressing table.
 *
 * <p>An index, not state: it is rebuilt from the transaction store at start, so it is neither journaled nor
 * snapshotted. Holds that closed or moved their deadline leave stale entries behind in the heap; the ledger
 * skips an entry whose hold is no longer open at that deadline, and the heap drops its stale entries, known
 * from the table, when it would otherwise grow past twice the open holds. Its size thus stays bounded by the
 * open holds, and it stops allocating once it has grown to their peak. Ties are broken by id, so the order
 * of expiry is the same on every replica whatever the order of insertion.
 */
final class HoldDeadlines {
    private static final int INITIAL_CAPACITY = 1024;
    private static final long NO_HOLD = 0;

    private long[] deadlines = new long[INITIAL_CAPACITY];
    private long[] ids = new long[INITIAL_CAPACITY];
    private int size;
    private long[] openIds = new long[INITIAL_CAPACITY * 2];
    private long[] openDeadlines = new long[INITIAL_CAPACITY * 2];
    private int openCount;

    /** Adds (or moves) an open hold's deadline. */
    void add(long deadlineMillis, long holdId) {
        assert holdId > NO_HOLD : "hold ids start at 1";
        putOpen(holdId, deadlineMillis);
        if (size == deadlines.length) {
            if (size >= 2 * openCount) {
                dropStale();
            } else {
                deadlines = Arrays.copyOf(deadlines, size * 2);
                ids = Arrays.copyOf(ids, size * 2);
            }
        }
        int at = size++;
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!less(deadlineMillis, holdId, deadlines[parent], ids[parent])) {
                break;
            }
            deadlines[at] = deadlines[parent];
            ids[at] = ids[parent];
            at = parent;
        }
        deadlines[at] = deadlineMillis;
        ids[at] = holdId;
    }

    /** Forgets a hold that closed: its heap entries become stale. */
    void close(long holdId) {
        int mask = openIds.length - 1;
        int at = slot(holdId, mask);
        while (openIds[at] != holdId) {
            if (openIds[at] == NO_HOLD) {
                return;
            }
            at = at + 1 & mask;
        }
        openIds[at] = NO_HOLD;
        openCount--;
        int gap = at;
        for (int next = gap + 1 & mask; openIds[next] != NO_HOLD; next = next + 1 & mask) {
            int home = slot(openIds[next], mask);
            if ((next - home & mask) >= (next - gap & mask)) {
                openIds[gap] = openIds[next];
                openDeadlines[gap] = openDeadlines[next];
                openIds[next] = NO_HOLD;
                gap = next;
            }
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    long firstDeadline() {
        return deadlines[0];
    }

    long firstId() {
        return ids[0];
    }

    void removeFirst() {
        size--;
        siftDown(0, deadlines[size], ids[size]);
    }

    void clear() {
        size = 0;
        Arrays.fill(openIds, NO_HOLD);
        openCount = 0;
    }

    /** Keeps only the entries of holds still open at that deadline, and restores the heap order. */
    private void dropStale() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (openDeadline(ids[i]) == deadlines[i]) {
                deadlines[kept] = deadlines[i];
                ids[kept] = ids[i];
                kept++;
            }
        }
        size = kept;
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i, deadlines[i], ids[i]);
        }
    }

    private void siftDown(int from, long deadline, long id) {
        int at = from;
        while (true) {
            int child = at * 2 + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(deadlines[child + 1], ids[child + 1], deadlines[child], ids[child])) {
                child++;
            }
            if (!less(deadlines[child], ids[child], deadline, id)) {
                break;
            }
            deadlines[at] = deadlines[child];
            ids[at] = ids[child];
            at = child;
        }
        deadlines[at] = deadline;
        ids[at] = id;
    }

    /** The open hold's current deadline, or -1 when the hold is not open. */
    private long openDeadline(long holdId) {
        int mask = openIds.length - 1;
        for (int at = slot(holdId, mask); openIds[at] != NO_HOLD; at = at + 1 & mask) {
            if (openIds[at] == holdId) {
                return openDeadlines[at];
            }
        }
        return -1;
    }

    private void putOpen(long holdId, long deadlineMillis) {
        if (2 * (openCount + 1) > openIds.length) {
            growOpen();
        }
        int mask = openIds.length - 1;
        int at = slot(holdId, mask);
        while (openIds[at] != NO_HOLD && openIds[at] != holdId) {
            at = at + 1 & mask;
        }
        if (openIds[at] == NO_HOLD) {
            openIds[at] = holdId;
            openCount++;
        }
        openDeadlines[at] = deadlineMillis;
    }

    private void growOpen() {
        long[] oldIds = openIds;
        long[] oldDeadlines = openDeadlines;
        openIds = new long[oldIds.length * 2];
        openDeadlines = new long[oldIds.length * 2];
        openCount = 0;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != NO_HOLD) {
                putOpen(oldIds[i], oldDeadlines[i]);
            }
        }
    }

    private static int slot(long holdId, int mask) {
        long mixed = holdId * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ mixed >>> 32) & mask;
    }

    private static boolean less(long deadlineA, long idA, long deadlineB, long idB) {
        return deadlineA < deadlineB || deadlineA == deadlineB && idA < idB;
    }
}
