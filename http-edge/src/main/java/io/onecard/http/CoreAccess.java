package io.onecard.http;

import io.onecard.core.OneCardCore;
import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.PinSecret;
import io.onecard.core.ring.CommandSink;
import io.onecard.core.ring.SettlementObserver;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * What the HTTP edge needs of the core, and nothing more: where to publish commands, the PIN secret, whether
 * recovery is done, the ring's gauges for metrics, owners' addresses and the settlement observer.
 *
 * <p>Kept apart from the core's own class so that the edge can be given a decorated sink (for example one
 * that counts or refuses) without the core knowing.
 *
 * @param sink where commands go; never blocks
 * @param pinSecret derives generated PINs again for the card-issue answer
 * @param recovered true once the ledger has recovered and the ring runs
 * @param ringCapacity slots in the ring
 * @param ringRemaining free slots in the ring now
 * @param overloadedCount commands the ring refused because it was full, since start
 * @param ownerEmails a card's owner address, or null; reads the store, so never on an event loop
 * @param settlementObserver sets the one observer of every applied command (null removes it)
 * @param cardNumbers draws numbers with the ledger's issuer prefix, for an edge that must know a new card's
 *     number before it sends the issue (so that it can send the very same issue again after a crash)
 */
public record CoreAccess(
    CommandSink sink,
    PinSecret pinSecret,
    BooleanSupplier recovered,
    LongSupplier ringCapacity,
    LongSupplier ringRemaining,
    LongSupplier overloadedCount,
    LongFunction<String> ownerEmails,
    Consumer<SettlementObserver> settlementObserver,
    CardNumbers cardNumbers) {

    public CoreAccess {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(pinSecret, "pin secret");
        Objects.requireNonNull(recovered, "recovered");
        Objects.requireNonNull(ringCapacity, "ring capacity");
        Objects.requireNonNull(ringRemaining, "ring remaining");
        Objects.requireNonNull(overloadedCount, "overloaded count");
        Objects.requireNonNull(ownerEmails, "owner e-mails");
        Objects.requireNonNull(settlementObserver, "settlement observer");
        Objects.requireNonNull(cardNumbers, "card numbers");
    }

    /** Access to an open core. */
    public static CoreAccess of(OneCardCore core) {
        return new CoreAccess(core.sink(), core.pinSecret(), core::isRecovered, core::ringCapacity,
            core::ringRemaining, core::overloadedCount, core::ownerEmail, core::observeSettlements,
            new CardNumbers(core.config().issuerPrefix(), new SecureRandom()));
    }

    /** The same access with another sink, for example one that wraps this one. */
    public CoreAccess withSink(CommandSink other) {
        return new CoreAccess(other, pinSecret, recovered, ringCapacity, ringRemaining, overloadedCount,
            ownerEmails, settlementObserver, cardNumbers);
    }
}
