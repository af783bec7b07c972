package io.onecard.core.testing;

import io.onecard.core.CoreConfig;
import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.PinSecret;
import io.onecard.core.journal.Journal;
import io.onecard.core.ledger.Command;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Credential;
import io.onecard.core.ledger.Ledger;
import io.onecard.core.ledger.LedgerState;
import io.onecard.core.ledger.Result;
import io.onecard.core.ring.CommandWriter;
import io.onecard.core.ring.Durability;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;

/**
 * A ledger driven directly, without the ring: commands are prepared as the producer would, journaled,
 * stamped with a controllable clock and applied on the calling thread.
 */
public final class LedgerHarness implements AutoCloseable {
    public static final String PIN = "1234";

    private final CoreConfig config;
    private final PinSecret secret;
    private final LedgerState state;
    private final Journal journal;
    private final Ledger ledger;
    private final CardNumbers numbers;
    private final Random random;
    private final Command command = new Command();
    private long nowMillis = 1_767_225_600_000L;

    public LedgerHarness(Path dataDir, long seed) {
        this(TestConfigs.small(dataDir), seed);
    }

    public LedgerHarness(CoreConfig config, long seed) {
        this.config = config;
        this.random = new Random(seed);
        this.secret = PinSecret.loadOrCreate(config.dataDir(), new SecureRandom());
        this.state = LedgerState.open(config.dataDir(), config);
        this.journal = Journal.open(config.dataDir(), Durability.ASYNC);
        this.ledger = new Ledger(state, secret, config);
        this.numbers = new CardNumbers(config.issuerPrefix(), new SecureRandom());
    }

    public Result apply(CommandWriter writer) {
        command.clear();
        writer.write(command);
        prepare(command);
        command.timestampMillis(nowMillis);
        if (command.needsJournal()) {
            command.journalIndex(journal.append(command));
        }
        ledger.apply(command);
        return command.result();
    }

    private void prepare(Command prepared) {
        if (prepared.type() == CommandType.ISSUE_CARD) {
            if (prepared.cardNumber() == CardNumbers.NONE) {
                prepared.cardNumber(numbers.draw());
            }
            random.nextBytes(prepared.salt());
            CharSequence pin = prepared.pin() == null ? PIN : prepared.pin();
            prepared.credential(Credential.PIN);
            secret.digest(pin, prepared.pinDigest());
            secret.sealHa1(prepared.cardNumber(), prepared.salt(), pin, prepared.sealedHa1());
        } else if (prepared.credential() == Credential.PIN) {
            secret.digest(prepared.pin(), prepared.pinDigest());
        }
        prepared.pin(null);
    }

    public void advanceMillis(long millis) {
        nowMillis += millis;
    }

    public long nowMillis() {
        return nowMillis;
    }

    public LedgerState state() {
        return state;
    }

    public Journal journal() {
        return journal;
    }

    public Ledger ledger() {
        return ledger;
    }

    public PinSecret secret() {
        return secret;
    }

    public CoreConfig config() {
        return config;
    }

    @Override
    public void close() {
        journal.close();
        state.close();
    }
}
