package io.onecard.ops.ledger;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.Currencies;
import io.onecard.core.card.PinSecret;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.Command;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Result;
import io.onecard.core.ledger.ResultCode;
import io.onecard.core.ring.CommandSink;
import io.onecard.core.ring.CommandWriter;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocking admin calls over the core's ring, for the operator's tools (never for an edge's I/O thread): a
 * command is published, retried briefly while the ring is full, and its result copied off the replier
 * thread before the caller sees it.
 */
public final class LedgerCalls {
    /** How long a call waits for a free slot and then for its result. */
    public static final long TIMEOUT_MILLIS = 30_000;

    private final CommandSink sink;
    private final PinSecret pinSecret;

    public LedgerCalls(CommandSink sink, PinSecret pinSecret) {
        this.sink = sink;
        this.pinSecret = pinSecret;
    }

    /** Issues a card with a generated PIN, on the admin channel. */
    public IssuedCard issue(long amountMinor, String currency, String idempotencyKey) {
        int packed = Currencies.parse(currency);
        if (packed == Currencies.NONE) {
            throw new LedgerRefusedException("INVALID_REQUEST", "unknown currency '" + currency + "'");
        }
        Copy copy = call(command -> command.type(CommandType.ISSUE_CARD).channel(Channel.ADMIN)
            .amountMinor(amountMinor).currency(packed).idempotencyKey(idempotencyKey));
        if (!copy.pinGenerated) {
            throw new IllegalStateException("the ledger issued a card without a generated PIN");
        }
        String pin = pinSecret.derivePin(copy.view.cardNumber(), copy.salt);
        return new IssuedCard(copy.view.cardNumber(), pin, copy.view.currency(), copy.view.balanceMinor());
    }

    public CardView show(long cardNumber) {
        return cardCommand(CommandType.QUERY_CARD, cardNumber);
    }

    public CardView block(long cardNumber) {
        return cardCommand(CommandType.BLOCK_CARD, cardNumber);
    }

    public CardView unblock(long cardNumber) {
        return cardCommand(CommandType.UNBLOCK_CARD, cardNumber);
    }

    private CardView cardCommand(CommandType type, long cardNumber) {
        return call(command -> command.type(type).channel(Channel.ADMIN).cardNumber(cardNumber)).view;
    }

    private Copy call(CommandWriter writer) {
        CompletableFuture<Copy> done = new CompletableFuture<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS);
        while (!sink.tryPublish(writer, command -> done.complete(Copy.of(command)))) {
            if (System.nanoTime() > deadline) {
                throw new LedgerRefusedException("OVERLOADED", "the ledger stayed overloaded for "
                    + TIMEOUT_MILLIS / 1000 + " s");
            }
            sleepBriefly();
        }
        Copy copy;
        try {
            copy = done.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the ledger", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no answer from the ledger within " + TIMEOUT_MILLIS / 1000 + " s", e);
        }
        if (copy.code != ResultCode.OK) {
            throw new LedgerRefusedException(copy.code.name(), explain(copy.code));
        }
        return copy;
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free slot in the ring", e);
        }
    }

    /** Words for an operator, by result code. */
    static String explain(ResultCode code) {
        return switch (code) {
            case UNKNOWN_CARD, CARD_DECLINED -> "no such card, or the card cannot be used";
            case INVALID_STATE -> "the card's status does not allow this (a closed card stays closed)";
            case INVALID_REQUEST -> "the ledger refused the request as invalid";
            case CAPACITY_EXCEEDED -> "the ledger is full (see ledger.max.cards and ledger.max.open.holds)";
            case IDEMPOTENCY_CONFLICT -> "the same idempotency key was used for another request";
            case CURRENCY_MISMATCH -> "the currency differs from the card's";
            case OVERLOADED -> "the ledger is overloaded; try again";
            default -> "the ledger answered " + code;
        };
    }

    /** What the operator's tools keep of a result, copied on the replier thread. */
    private record Copy(ResultCode code, CardView view, boolean pinGenerated, byte[] salt) {
        static Copy of(Command command) {
            Result result = command.result();
            int expiry = result.expiresOnEpochDay();
            Optional<LocalDate> expiresOn = expiry == Command.NO_EXPIRY ? Optional.empty()
                : Optional.of(LocalDate.ofEpochDay(expiry));
            String status = result.cardStatus() == null ? "" : result.cardStatus().apiName();
            long number = result.cardNumber() == CardNumbers.NONE ? command.cardNumber() : result.cardNumber();
            CardView view = new CardView(number, status, Currencies.format(result.currency()), result.balance(),
                result.held(), result.available(), expiresOn);
            return new Copy(result.code(), view, result.pinGenerated(), result.salt().clone());
        }
    }
}
