package io.onecard.bench;

import io.onecard.core.CoreConfig;
import io.onecard.core.OneCardCore;
import io.onecard.core.card.Currencies;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ring.Durability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Prepares a data directory with a few well-funded cards for a benchmark, and removes it afterwards. */
public final class BenchCards {
    /** Every benchmark card starts with this balance, far more than any run spends. */
    public static final long INITIAL_BALANCE = 1_000_000_000_000L;
    public static final String PIN = "4321";
    public static final int EUR = Currencies.parse("EUR");

    private BenchCards() {
    }

    public static CoreConfig config(Path dataDir, Durability durability) {
        return CoreConfig.defaults(dataDir).withDurability(durability)
            .withCapacity(10_000, 100_000, 2_000_000, 2_000_000, 100_000);
    }

    /** Creates a temporary data directory holding {@code count} cards and returns their numbers. */
    public static long[] issue(Path dataDir, int count) {
        return issue(dataDir, count, INITIAL_BALANCE);
    }

    /** Like {@link #issue(Path, int)}, each card funded with {@code balanceMinor}. */
    public static long[] issue(Path dataDir, int count, long balanceMinor) {
        long[] cards = new long[count];
        try (OneCardCore core = OneCardCore.open(config(dataDir, Durability.ASYNC))) {
            for (int i = 0; i < count; i++) {
                CompletableFuture<Long> number = new CompletableFuture<>();
                boolean published = core.sink().tryPublish(c -> c.type(CommandType.ISSUE_CARD)
                    .channel(Channel.ADMIN).amountMinor(balanceMinor).currency(EUR).pin(PIN),
                    c -> number.complete(c.result().cardNumber()));
                if (!published) {
                    throw new IllegalStateException("ring full while issuing benchmark cards");
                }
                cards[i] = number.get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue benchmark cards", e);
        }
        return cards;
    }

    /** The card's balance in minor units, read through the ring like any other command. */
    public static long balance(OneCardCore core, long card) {
        CompletableFuture<Long> balance = new CompletableFuture<>();
        if (!core.sink().tryPublish(c -> c.type(CommandType.QUERY_CARD).channel(Channel.ADMIN).cardNumber(card),
            c -> balance.complete(c.result().balance()))) {
            throw new IllegalStateException("ring full while reading a card's balance");
        }
        try {
            return balance.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read a card's balance", e);
        }
    }

    public static Path newDataDir() {
        try {
            return Files.createTempDirectory("onecard-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
