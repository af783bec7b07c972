package io.onecard.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The deadline index must stay as small as the open holds and expire them in deadline, then id, order. */
class HoldDeadlinesTest {
    @Test
    void shouldStayBoundedWhenHoldsCloseBeforeTheirDeadlines() {
        HoldDeadlines deadlines = new HoldDeadlines();
        deadlines.add(5_000_000, 1);
        for (long id = 2; id < 1_000_000; id++) {
            deadlines.add(1_000 + id, id);
            deadlines.close(id);
        }
        assertThat(deadlines.size()).isLessThanOrEqualTo(1024);
        List<Long> open = new ArrayList<>();
        while (!deadlines.isEmpty()) {
            open.add(deadlines.firstId());
            deadlines.removeFirst();
        }
        assertThat(open).contains(1L);
    }

    @Test
    void shouldExpireOpenHoldsInDeadlineThenIdOrderWhateverWasDropped() {
        Random random = new Random(11);
        HoldDeadlines deadlines = new HoldDeadlines();
        TreeMap<Long, Long> deadlineById = new TreeMap<>();
        for (long id = 1; id <= 200_000; id++) {
            long deadline = random.nextInt(5_000);
            deadlines.add(deadline, id);
            deadlineById.put(id, deadline);
            if (random.nextInt(4) != 0) {
                long closed = 1 + random.nextInt((int) id);
                if (deadlineById.remove(closed) != null) {
                    deadlines.close(closed);
                }
            }
            if (random.nextInt(10) == 0 && !deadlineById.isEmpty()) {
                long moved = deadlineById.ceilingKey(1L + random.nextInt((int) id));
                if (deadlineById.containsKey(moved)) {
                    long later = deadlineById.get(moved) + random.nextInt(100);
                    deadlines.add(later, moved);
                    deadlineById.put(moved, later);
                }
            }
        }
        assertThat(deadlines.size()).isLessThanOrEqualTo(Math.max(2048, 4 * deadlineById.size()));
        List<long[]> expected = new ArrayList<>();
        deadlineById.forEach((id, deadline) -> expected.add(new long[] {deadline, id}));
        expected.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        List<long[]> expired = new ArrayList<>();
        while (!deadlines.isEmpty()) {
            long id = deadlines.firstId();
            long deadline = deadlines.firstDeadline();
            deadlines.removeFirst();
            if (deadlineById.containsKey(id) && deadlineById.get(id) == deadline) {
                expired.add(new long[] {deadline, id});
                deadlineById.remove(id);
                deadlines.close(id);
            }
        }
        assertThat(expired).containsExactlyElementsOf(expected);
    }
}
