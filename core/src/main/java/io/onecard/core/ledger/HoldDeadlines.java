package io.onecard.core.ledger;

import java.util.Arrays;

/**
 * The open holds ordered by deadline, then id: a binary min-heap over two primitive arrays.
 *
 * <p>An index, not state: it is rebuilt from the transaction store at start, so it is neither journaled nor
 * snapshotted. Holds that closed or moved their deadline leave stale entries behind; the ledger skips an
 * entry whose hold is no longer open at that deadline, and the heap drops stale entries when it would
 * otherwise grow past twice the open holds. Ties are broken by id, so the order of expiry is the same on
 * every replica whatever the order of insertion.
 */
final class HoldDeadlines {
    private long[] deadlines = new long[1024];
    private long[] ids = new long[1024];
    private int size;

    void add(long deadlineMillis, long holdId) {
        if (size == deadlines.length) {
            deadlines = Arrays.copyOf(deadlines, size * 2);
            ids = Arrays.copyOf(ids, size * 2);
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

    boolean isEmpty() {
        return size == 0;
    }

    long firstDeadline() {
        return deadlines[0];
    }

    long firstId() {
        return ids[0];
    }

    void removeFirst() {
        size--;
        long lastDeadline = deadlines[size];
        long lastId = ids[size];
        int at = 0;
        while (true) {
            int child = at * 2 + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(deadlines[child + 1], ids[child + 1], deadlines[child], ids[child])) {
                child++;
            }
            if (!less(deadlines[child], ids[child], lastDeadline, lastId)) {
                break;
            }
            deadlines[at] = deadlines[child];
            ids[at] = ids[child];
            at = child;
        }
        deadlines[at] = lastDeadline;
        ids[at] = lastId;
    }

    void clear() {
        size = 0;
    }

    private static boolean less(long deadlineA, long idA, long deadlineB, long idB) {
        return deadlineA < deadlineB || deadlineA == deadlineB && idA < idB;
    }
}
