package io.onecard.bench.sql;

import io.onecard.bench.load.DriverOptions;
import io.onecard.bench.load.LoadRecorder;
import io.onecard.bench.load.Outcome;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The load driver's JDBC mode: the obvious alternative to OneCard, a settlement in PostgreSQL, offered at the
 * same rates and recorded the same way as the HTTP debits ({@link LoadRecorder}). One settlement is one
 * transaction: a conditional {@code UPDATE cards SET balance = balance - ? WHERE card = ? AND balance >= ?}
 * (no row updated: declined) and an {@code INSERT} into a ledger table with a unique idempotency key (OneCard
 * keeps its keys too), committed with {@code synchronous_commit = on}, which the driver checks.
 *
 * <p>A pool of {@code connections} connections, one thread each, sized like the HTTP driver's connections.
 * Open loop: every thread takes the next request number, waits until it is due and settles it; a request
 * still not started {@value #LATE_LIMIT_SECONDS} s after the last was due is not sent (counted as not sent,
 * so that a saturated database cannot stretch the run without bound). {@code rate=0} runs closed loop.
 * With {@code setup=<balance>} it first creates the tables and funds the cards. At the end it checks every
 * card: balance not below zero, and its drop equal to the sum of its ledger rows; and the rows added equal
 * the settlements answered.
 */
public final class JdbcSettlementDriver {
    private static final String DEBIT = "UPDATE cards SET balance = balance - ? WHERE card = ? AND balance >= ?";
    private static final String RECORD = "INSERT INTO ledger (card, amount, idempotency_key) VALUES (?, ?, ?)";
    private static final long LATE_LIMIT_SECONDS = 30;

    private final long[] cards;
    private final long amountMinor;
    private final LoadRecorder recorder;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    private JdbcSettlementDriver(long[] cards, long amountMinor) {
        this.cards = cards;
        this.amountMinor = amountMinor;
        this.recorder = new LoadRecorder(cards.length);
    }

    /** Runs one measurement as the options say; see the type's description. */
    public static void run(DriverOptions options) throws Exception {
        String url = options.text("url");
        String user = options.text("user", "postgres");
        String[] numbers = options.cards();
        long[] cards = new long[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            cards[i] = Long.parseLong(numbers[i]);
        }
        JdbcSettlementDriver driver = new JdbcSettlementDriver(cards, options.number("amount", 1));
        try (Connection admin = DriverManager.getConnection(url, user, "")) {
            if (options.number("setup", -1) >= 0) {
                createSchema(admin, cards, options.number("setup"));
            }
            requireSynchronousCommit(admin);
            long rowsBefore = ledgerRows(admin);
            long rate = options.number("rate");
            driver.load(url, user, (int) options.number("connections"), rate,
                options.number("warmup", 5), options.number("seconds"));
            System.out.println(driver.recorder.summary("jdbc", rate, driver.sent.get()));
            System.out.print(driver.recorder.byCard(numbers));
            System.out.flush();
            driver.recorder.check(driver.sent.get(), "allowed".equals(options.text("declines", "refused")));
            checkCards(admin, rowsBefore, driver.recorder.count(Outcome.OK));
        }
    }

    private void load(String url, String user, int connections, long rate, long warmUpSeconds, long seconds)
        throws Exception {
        List<Connection> pool = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                Connection connection = DriverManager.getConnection(url, user, "");
                connection.setAutoCommit(false);
                pool.add(connection);
            }
            long start = System.nanoTime();
            recorder.recordFrom(start + TimeUnit.SECONDS.toNanos(warmUpSeconds));
            long endNanos = start + TimeUnit.SECONDS.toNanos(warmUpSeconds + seconds);
            long total = rate * (warmUpSeconds + seconds);
            CountDownLatch finished = new CountDownLatch(connections);
            for (Connection connection : pool) {
                Thread worker = new Thread(() -> {
                    try {
                        work(connection, start, endNanos, rate, total);
                    } finally {
                        finished.countDown();
                    }
                }, "jdbc-worker");
                worker.setDaemon(true);
                worker.start();
            }
            finished.await();
        } finally {
            for (Connection connection : pool) {
                connection.close();
            }
        }
    }

    private void work(Connection connection, long start, long endNanos, long rate, long total) {
        long lateLimitNanos = endNanos + TimeUnit.SECONDS.toNanos(LATE_LIMIT_SECONDS);
        try (PreparedStatement debit = connection.prepareStatement(DEBIT);
             PreparedStatement record = connection.prepareStatement(RECORD)) {
            while (true) {
                long sequence;
                long due;
                if (rate > 0) {
                    sequence = next.getAndIncrement();
                    if (sequence >= total) {
                        return;
                    }
                    due = start + sequence * 1_000_000_000L / rate;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    if (System.nanoTime() > lateLimitNanos) {
                        return;
                    }
                } else {
                    due = System.nanoTime();
                    if (due >= endNanos) {
                        return;
                    }
                    sequence = next.getAndIncrement();
                }
                sent.incrementAndGet();
                int card = (int) (sequence % cards.length);
                recorder.record(due, settle(connection, debit, record, card, sequence), card, amountMinor);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the settlement statements", e);
        }
    }

    private Outcome settle(Connection connection, PreparedStatement debit, PreparedStatement record, int card,
                           long sequence) {
        try {
            debit.setLong(1, amountMinor);
            debit.setLong(2, cards[card]);
            debit.setLong(3, amountMinor);
            if (debit.executeUpdate() != 1) {
                connection.rollback();
                return Outcome.DECLINED;
            }
            record.setLong(1, cards[card]);
            record.setLong(2, amountMinor);
            record.setString(3, run + "-" + sequence);
            record.executeUpdate();
            connection.commit();
            return Outcome.OK;
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                return Outcome.OTHER;
            }
            return Outcome.OTHER;
        }
    }

    private static void createSchema(Connection admin, long[] cards, long balanceMinor) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS ledger");
            statement.execute("DROP TABLE IF EXISTS cards");
            statement.execute("CREATE TABLE cards (card bigint PRIMARY KEY, balance bigint NOT NULL, "
                + "initial_balance bigint NOT NULL)");
            statement.execute("CREATE TABLE ledger (id bigserial PRIMARY KEY, card bigint NOT NULL, "
                + "amount bigint NOT NULL, idempotency_key text NOT NULL UNIQUE, "
                + "created_at timestamptz NOT NULL DEFAULT now())");
        }
        try (PreparedStatement insert = admin.prepareStatement("INSERT INTO cards VALUES (?, ?, ?)")) {
            for (long card : cards) {
                insert.setLong(1, card);
                insert.setLong(2, balanceMinor);
                insert.setLong(3, balanceMinor);
                insert.executeUpdate();
            }
        }
    }

    private static void requireSynchronousCommit(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement();
             ResultSet result = statement.executeQuery("SHOW synchronous_commit")) {
            result.next();
            if (!"on".equals(result.getString(1))) {
                throw new IllegalStateException("synchronous_commit is " + result.getString(1) + ", not on");
            }
        }
    }

    private static long ledgerRows(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM ledger")) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void checkCards(Connection admin, long rowsBefore, long settled) throws SQLException {
        long rowsAdded = ledgerRows(admin) - rowsBefore;
        int cards = 0;
        try (Statement statement = admin.createStatement();
             ResultSet result = statement.executeQuery("SELECT c.card, c.balance, c.initial_balance, "
                 + "COALESCE(SUM(l.amount), 0) FROM cards c LEFT JOIN ledger l ON l.card = c.card "
                 + "GROUP BY c.card, c.balance, c.initial_balance")) {
            while (result.next()) {
                cards++;
                long balance = result.getLong(2);
                if (balance < 0 || result.getLong(3) - balance != result.getLong(4)) {
                    throw new IllegalStateException("card " + result.getLong(1) + " does not add up: balance "
                        + balance + ", initial " + result.getLong(3) + ", ledger rows " + result.getLong(4));
                }
            }
        }
        System.out.printf(Locale.ROOT, "check cards=%d ledger_rows_added=%d settled=%d consistent=%b%n", cards,
            rowsAdded, settled, rowsAdded == settled);
        if (rowsAdded != settled) {
            throw new IllegalStateException(rowsAdded + " ledger rows added for " + settled + " settlements");
        }
    }
}
