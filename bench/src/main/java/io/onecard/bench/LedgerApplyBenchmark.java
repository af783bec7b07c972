package io.onecard.bench;

import io.onecard.core.card.PinSecret;
import io.onecard.core.journal.Audit;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.Command;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Credential;
import io.onecard.core.ledger.Ledger;
import io.onecard.core.ledger.LedgerState;
import io.onecard.core.ledger.ResultCode;
import io.onecard.core.ring.Durability;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The ledger's apply path alone, on the real Chronicle Map stores: nanoseconds and bytes per command.
 *
 * <p>Each invocation applies a pair of commands that leave the balance where it was (a debit and a
 * recharge; a hold and its capture plus a recharge), so that the teardown can check the card's balance
 * and conservation exactly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LedgerApplyBenchmark extends OneCardFork {
    /**
     * Distinct idempotency keys the keyed benchmark cycles through: more than twice the keys the ledger keeps
     * ({@code BenchCards.config}), so that a key comes back only long after it was let go.
     */
    private static final int IDEMPOTENCY_KEYS = 1 << 19;

    private Path dataDir;
    private LedgerState state;
    private Ledger ledger;
    private long card;
    private long index;
    private long now = 1_767_225_600_000L;
    private final Command debit = new Command();
    private final Command recharge = new Command();
    private final Command hold = new Command();
    private final Command capture = new Command();
    private long applied;
    private String[] keys;
    private int nextKey;

    @Setup(Level.Trial)
    public void open() {
        dataDir = BenchCards.newDataDir();
        card = BenchCards.issue(dataDir, 1)[0];
        var config = BenchCards.config(dataDir, Durability.ASYNC);
        PinSecret secret = PinSecret.loadOrCreate(dataDir, new SecureRandom());
        state = LedgerState.open(dataDir, config);
        ledger = new Ledger(state, secret, config);
        debit.type(CommandType.DEBIT).channel(Channel.WEB).cardNumber(card).amountMinor(1).currency(BenchCards.EUR)
            .credential(Credential.PIN);
        secret.digest(BenchCards.PIN, debit.pinDigest());
        recharge.type(CommandType.RECHARGE).channel(Channel.WEB).cardNumber(card).amountMinor(1)
            .currency(BenchCards.EUR);
        hold.type(CommandType.AUTHORIZE).channel(Channel.PHONE).cardNumber(card).amountMinor(1)
            .currency(BenchCards.EUR).holdSeconds(60);
        capture.type(CommandType.CAPTURE).channel(Channel.PHONE).fullAmount(true);
        keys = new String[IDEMPOTENCY_KEYS];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "gw:bench-" + i;
        }
    }

    private void apply(Command command) {
        command.timestampMillis(++now).journalIndex(++index);
        ledger.apply(command);
        if (command.result().code() != ResultCode.OK) {
            throw new IllegalStateException(command.type() + " failed: " + command.result().code());
        }
        applied++;
    }

    /** A gateway debit with its PIN check, and a recharge that puts the money back. */
    @Benchmark
    @OperationsPerInvocation(2)
    public long debitWithPinThenRecharge() {
        apply(debit);
        apply(recharge);
        return recharge.result().balance();
    }

    /** A hold and its full capture (the shape of a short call), and a recharge that puts the money back. */
    @Benchmark
    @OperationsPerInvocation(3)
    public long holdCaptureThenRecharge() {
        apply(hold);
        capture.holdId(hold.result().holdId());
        apply(capture);
        apply(recharge);
        return recharge.result().balance();
    }

    /**
     * The debit and recharge of {@link #debitWithPinThenRecharge}, each with its own idempotency key, as
     * gateways send them: the ledger remembers every result and lets the oldest key go. The keys are made
     * before the trial, so that only the ledger's own allocation is counted.
     */
    @Benchmark
    @OperationsPerInvocation(2)
    public long keyedDebitThenRecharge() {
        debit.idempotencyKey(keys[nextKey++ & (IDEMPOTENCY_KEYS - 1)]);
        recharge.idempotencyKey(keys[nextKey++ & (IDEMPOTENCY_KEYS - 1)]);
        apply(debit);
        apply(recharge);
        debit.idempotencyKey(null);
        recharge.idempotencyKey(null);
        return recharge.result().balance();
    }

    @TearDown(Level.Trial)
    public void check() {
        Command query = new Command();
        query.type(CommandType.QUERY_CARD).cardNumber(card);
        ledger.apply(query);
        if (query.result().balance() != BenchCards.INITIAL_BALANCE || query.result().held() != 0) {
            throw new IllegalStateException("balance drifted: " + query.result().balance() + " after " + applied);
        }
        var problems = Audit.conservation(state);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("conservation broken: " + problems);
        }
        state.close();
        BenchCards.delete(dataDir);
    }
}
