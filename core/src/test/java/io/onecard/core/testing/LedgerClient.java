package io.onecard.core.testing;

import io.onecard.core.card.Currencies;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.Command;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Credential;
import io.onecard.core.ring.CommandSink;
import io.onecard.core.ring.CommandWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A blocking client of the ring for tests: publishes a command and waits for a copy of its result.
 */
public final class LedgerClient {
    public static final String PIN = "1234";
    public static final int EUR = Currencies.parse("EUR");

    private final CommandSink sink;

    public LedgerClient(CommandSink sink) {
        this.sink = sink;
    }

    /** Publishes and waits; retries while the ring is full. */
    public Outcome call(CommandWriter writer) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        while (!sink.tryPublish(writer, command -> done.complete(Outcome.of(command)))) {
            Thread.onSpinWait();
        }
        try {
            return done.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("no result within 30 s", e);
        }
    }

    public Outcome issue(long amount) {
        return call(c -> c.type(CommandType.ISSUE_CARD).channel(Channel.ADMIN).amountMinor(amount).currency(EUR)
            .pin(PIN));
    }

    public Outcome debit(long card, long amount, String key) {
        return call(c -> c.type(CommandType.DEBIT).channel(Channel.WEB).cardNumber(card).amountMinor(amount)
            .currency(EUR).pin(PIN).credential(Credential.PIN).idempotencyKey(key));
    }

    public Outcome authorize(long card, long amount, long holdSeconds, String key) {
        return call(c -> c.type(CommandType.AUTHORIZE).channel(Channel.WEB).cardNumber(card).amountMinor(amount)
            .currency(EUR).pin(PIN).credential(Credential.PIN).holdSeconds(holdSeconds).idempotencyKey(key));
    }

    public Outcome capture(long holdId, long amount, String key) {
        return call(c -> c.type(CommandType.CAPTURE).channel(Channel.WEB).holdId(holdId).amountMinor(amount)
            .fullAmount(amount < 0).idempotencyKey(key));
    }

    public Outcome query(long card) {
        return call(c -> c.type(CommandType.QUERY_CARD).channel(Channel.ADMIN).cardNumber(card));
    }

    /** What a test keeps of a result. */
    public record Outcome(String code, long cardNumber, long balance, long held, long available,
                          long transactionId, long holdId, long amount, boolean replayed, int items) {
        static Outcome of(Command command) {
            var r = command.result();
            return new Outcome(r.code().name(), r.cardNumber(), r.balance(), r.held(), r.available(),
                r.transactionId(), r.holdId(), r.amountMinor(), r.replayed(), r.itemCount());
        }
    }
}
