package io.onecard.sip.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A call's events run in order, one at a time, and take at most one place in the shared pool's queue. */
class SerialExecutorTest {
    @Test
    void shouldRunEveryEventInOrderWhileTakingOnePlaceInThePoolsQueue() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1));
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> awaitQuietly(release));
        SerialExecutor call = new SerialExecutor(pool);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        try {
            for (int event = 0; event < 1_000; event++) {
                int number = event;
                call.execute(() -> ran.add(number));
            }

            assertThat(pool.getQueue()).hasSize(1);
            release.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactlyElementsOf(IntStream.range(0, 1_000).boxed().toList());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
