package io.onecard.ops.serve;

import io.onecard.ops.ledger.IssuedCard;
import io.onecard.ops.ledger.LedgerCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The few cards a first start issues so that an operator can try the server at once. Their PINs are
 * generated and shown once by the banner; they are kept nowhere. A marker file in the data directory
 * ({@value #MARKER}) makes later starts skip this; an idempotency key per card makes a start that died
 * half-way issue the same cards again rather than new ones.
 */
final class DemoCards {
    /** The marker written once the demo cards exist. */
    static final String MARKER = "demo-cards.issued";
    /** Value of each demo card, in minor units. */
    static final long AMOUNT_MINOR = 5_000;
    /** Currency of the demo cards. */
    static final String CURRENCY = "EUR";

    private DemoCards() {
    }

    /** Issues the demo cards on a first start; returns them, or an empty list on any later start. */
    static List<IssuedCard> issueOnFirstStart(Path dataDir, int count, LedgerCalls ledger) {
        Path marker = dataDir.resolve(MARKER);
        if (count == 0 || Files.exists(marker)) {
            return List.of();
        }
        List<IssuedCard> cards = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cards.add(ledger.issue(AMOUNT_MINOR, CURRENCY, "ops-demo-card:" + i));
        }
        try {
            Files.writeString(marker, count + " demo cards issued; their PINs were shown once at that start\n",
                StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker, e);
        }
        return cards;
    }
}
