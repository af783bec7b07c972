package io.onecard.ops.serve;

import io.onecard.core.card.CardNumbers;
import io.onecard.ops.config.ApiKeys;
import io.onecard.ops.config.OneCardConfig;
import io.onecard.ops.ledger.IssuedCard;
import io.onecard.ops.ledger.Money;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * What {@code serve} prints on standard output once everything runs: where each part listens, the keys and
 * demo cards when they were just created (this is the only time they are shown), and examples to copy.
 * Nothing here goes to the log.
 */
final class Banner {
    /** The banner's last line: it tells scripts and tests that the server is ready and everything is printed. */
    static final String READY = "OneCard is ready.";

    private Banner() {
    }

    static void print(PrintWriter out, OneCardConfig config, OneCardServer server) {
        out.println("OneCard");
        out.println("  data directory   " + config.dataDir().toAbsolutePath().normalize());
        out.println("  ledger           recovered " + server.core().recoveredCommands() + " journaled commands in "
            + server.core().recoveryMillis() + " ms; durability " + config.core().durability().name()
            .toLowerCase(java.util.Locale.ROOT));
        Map<String, String> listening = server.listening();
        if (listening.isEmpty()) {
            out.println("  edges            none in this build (the ledger runs alone)");
        }
        listening.forEach((name, where) -> out.println("  " + pad(name) + where));
        if (listening.containsKey(ServerPartNames.HTTP)) {
            out.println("  " + pad("health") + listening.get(ServerPartNames.HTTP) + "/healthz");
        }
        printKeys(out, server.keys());
        printDemoCards(out, server.demoCards());
        printExamples(out, config, server);
        out.println("Stop with Ctrl-C (or SIGTERM): edges stop, the ring drains, the journal closes.");
        out.println(READY);
        out.flush();
    }

    private static void printKeys(PrintWriter out, ApiKeys keys) {
        if (!keys.generated()) {
            return;
        }
        out.println();
        out.println("API keys generated now and shown only this once (saved, owner-only, in "
            + ApiKeys.FILE_NAME + " of the data directory):");
        out.println("  admin key    " + keys.adminKey());
        out.println("  gateway key  " + keys.gatewayKey());
    }

    private static void printDemoCards(PrintWriter out, List<IssuedCard> cards) {
        if (cards.isEmpty()) {
            return;
        }
        out.println();
        out.println("Demo cards issued now; their PINs are shown only this once and kept nowhere:");
        for (IssuedCard card : cards) {
            out.println("  " + CardNumbers.format(card.cardNumber()) + "  PIN " + card.pin() + "  "
                + Money.format(card.balanceMinor(), card.currency()) + " " + card.currency());
        }
    }

    private static void printExamples(PrintWriter out, OneCardConfig config, OneCardServer server) {
        String card = server.demoCards().isEmpty() ? "<card number>"
            : CardNumbers.format(server.demoCards().get(0).cardNumber());
        String pin = server.demoCards().isEmpty() ? "<pin>" : server.demoCards().get(0).pin();
        String gatewayKey = server.keys().generated() ? server.keys().gatewayKey() : "<gateway key>";
        String http = server.listening().getOrDefault(ServerPartNames.HTTP,
            "http://" + config.bind() + ":" + config.httpPort());
        out.println();
        out.println("Try a debit of 12.50 EUR:");
        out.println("  curl -s -X POST " + http + "/v1/debits -H 'Authorization: Bearer " + gatewayKey + "' \\");
        out.println("    -H 'Idempotency-Key: try-1' -H 'Content-Type: application/json' \\");
        out.println("    -d '{\"card_number\":\"" + card + "\",\"pin\":\"" + pin
            + "\",\"amount\":1250,\"currency\":\"EUR\"}'");
        out.println("Try a call (sipp; a gateway must be configured with sip.gateway):");
        out.println("  sipp -sf sip-edge/src/test/resources/sipp/uac_call.xml -s 442071234567 " + config.bind() + ":"
            + config.sipPort() + " -p 5070 -m 1 -au " + card + " -ap " + pin);
        out.println();
    }

    private static String pad(String name) {
        return name.length() >= 17 ? name + " " : name + " ".repeat(17 - name.length());
    }
}
