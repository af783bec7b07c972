package io.onecard.ops.cli;

import io.onecard.core.card.CardNumbers;
import io.onecard.ops.config.OneCardConfig;
import io.onecard.ops.ledger.CardAdmin;
import io.onecard.ops.ledger.CardView;
import io.onecard.ops.ledger.Money;
import java.io.PrintWriter;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code onecard cards ...}: issue a batch for printing, show, block and unblock cards. Every operation is
 * a ledger command, journaled like an edge's.
 */
@Command(name = "cards", description = "Issue, show, block and unblock cards.",
    subcommands = {IssueCardsCommand.class, CardsCommand.Show.class, CardsCommand.Block.class,
        CardsCommand.Unblock.class})
public final class CardsCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(CardsCommand.class);

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs one card operation and prints the card it leaves. */
    static int runOnCard(CommandSpec spec, long cardNumber, String action,
                         BiFunction<CardAdmin, Long, CardView> operation) {
        OneCardConfig config = RootCommand.of(spec).loadConfig();
        CardView card;
        try (CardAdmin admin = CardAdmins.open(config)) {
            card = operation.apply(admin, cardNumber);
        }
        if (action != null) {
            LOG.info("card {} {} by the operator's CLI", CardNumbers.mask(cardNumber), action);
        }
        print(spec.commandLine().getOut(), card);
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, CardView card) {
        out.println("card       " + CardNumbers.format(card.cardNumber()));
        out.println("status     " + card.status());
        out.println("currency   " + card.currency());
        out.println("balance    " + Money.format(card.balanceMinor(), card.currency()));
        out.println("held       " + Money.format(card.heldMinor(), card.currency()));
        out.println("available  " + Money.format(card.availableMinor(), card.currency()));
        out.println("expires    " + card.expiresOn().map(Object::toString).orElse("never"));
    }

    /** {@code cards show NUMBER}. */
    @Command(name = "show", description = "Show a card's status and balance.")
    static final class Show implements java.util.concurrent.Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "NUMBER", converter = CardNumberConverter.class, description = "the card number")
        private long cardNumber;

        @Override
        public Integer call() {
            return runOnCard(spec, cardNumber, null, CardAdmin::show);
        }
    }

    /** {@code cards block NUMBER}. */
    @Command(name = "block", description = "Block a card: it can no longer pay until unblocked.")
    static final class Block implements java.util.concurrent.Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "NUMBER", converter = CardNumberConverter.class, description = "the card number")
        private long cardNumber;

        @Override
        public Integer call() {
            return runOnCard(spec, cardNumber, "blocked", CardAdmin::block);
        }
    }

    /** {@code cards unblock NUMBER}. */
    @Command(name = "unblock", description = "Unblock a card; also unlocks a PIN locked by wrong attempts.")
    static final class Unblock implements java.util.concurrent.Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "NUMBER", converter = CardNumberConverter.class, description = "the card number")
        private long cardNumber;

        @Override
        public Integer call() {
            return runOnCard(spec, cardNumber, "unblocked", CardAdmin::unblock);
        }
    }
}
