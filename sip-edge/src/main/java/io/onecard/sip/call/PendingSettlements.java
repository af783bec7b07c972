package io.onecard.sip.call;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settlements of ended calls that were sent to the ledger and whose call record is not yet written, in
 * {@code <data dir>/sip-settlements.log}.
 *
 * <p>Why it exists: a capture can reach the journal while its reply, and so its call record, never comes (the
 * process is killed between the two); the restart then holds the charge without its record. A settlement is written
 * here, and flushed, before it is published, and marked done once its record is written. At the next start the
 * edge publishes every settlement still open again with its own idempotency key: the ledger answers one it
 * already applied with its first result, and applies one it never saw, so every ended call gets its record and
 * none is charged twice.
 *
 * <p>One line per event, fields separated by a space and URL-encoded: {@code open <key> <capture|void> <hold id>
 * <amount> <full> <call id> <card> <dialled> <currency> <start> <answer> <end> <billed> <ended by> <sip status>},
 * or {@code done <key>}. The file is rewritten with only the open settlements when it grows past
 * {@link #COMPACT_BYTES}. Thread-safe.
 */
final class PendingSettlements implements Closeable {
    /** Size past which the file is rewritten with the open settlements only. */
    static final long COMPACT_BYTES = 1L << 20;
    static final String FILE_NAME = "sip-settlements.log";

    private static final Logger LOG = LoggerFactory.getLogger(PendingSettlements.class);
    private static final int OPEN_FIELDS = 16;

    private final Path file;
    private final Map<String, Settlement> open = new LinkedHashMap<>();
    private BufferedWriter out;
    private long sizeBytes;

    /** Opens the file of {@code dataDir}, keeping the settlements a previous run left open. */
    PendingSettlements(Path dataDir) throws IOException {
        this.file = dataDir.resolve(FILE_NAME);
        Files.createDirectories(dataDir);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                read(line);
            }
        }
        rewrite();
    }

    /** The settlements still open, oldest first. */
    synchronized List<Settlement> open() {
        return new ArrayList<>(open.values());
    }

    /** Records a settlement before it is published (again: the last one written for a key wins). */
    synchronized void opened(Settlement settlement) {
        open.put(settlement.key(), settlement);
        append(line(settlement));
    }

    /** Records that the settlement's call record is written. */
    synchronized void done(String key) {
        if (open.remove(key) != null) {
            append("done " + encode(key));
        }
        if (sizeBytes > COMPACT_BYTES) {
            try {
                rewrite();
            } catch (IOException e) {
                LOG.warn("cannot compact {}", file, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warn("cannot close {}", file, e);
            }
            out = null;
        }
    }

    private void read(String line) {
        String[] fields = line.split(" ");
        if (fields.length == 2 && fields[0].equals("done")) {
            open.remove(decode(fields[1]));
        } else if (fields.length == OPEN_FIELDS && fields[0].equals("open")) {
            Settlement settlement = parse(fields);
            open.put(settlement.key(), settlement);
        } else if (!line.isBlank()) {
            LOG.warn("ignoring a malformed line of {} (a write cut by a crash)", file);
        }
    }

    private void rewrite() throws IOException {
        Path next = file.resolveSibling(FILE_NAME + ".next");
        List<String> lines = new ArrayList<>();
        for (Settlement settlement : open.values()) {
            lines.add(line(settlement));
        }
        Files.write(next, lines, StandardCharsets.UTF_8);
        close();
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        sizeBytes = Files.size(file);
    }

    /** A failed write is logged and does not stop the settlement: only its recovery after a crash is lost. */
    private void append(String line) {
        try {
            if (out == null) {
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            }
            out.write(line);
            out.write('\n');
            out.flush();
            sizeBytes += line.length() + 1;
        } catch (IOException e) {
            LOG.error("cannot write {}", file, e);
        }
    }

    private static String line(Settlement settlement) {
        CallRecord record = settlement.record();
        return String.join(" ", "open", encode(settlement.key()), settlement.capture() ? "capture" : "void",
            Long.toString(settlement.holdId()), Long.toString(settlement.amountMinor()),
            Boolean.toString(settlement.fullAmount()), encode(record.callId()), Long.toString(record.cardNumber()),
            encode(record.dialled()), Integer.toString(record.currency()), Long.toString(record.startMillis()),
            Long.toString(record.answerMillis()), Long.toString(record.endMillis()),
            Long.toString(record.billedSeconds()), record.endedBy().name(), Integer.toString(record.sipStatus()));
    }

    private static Settlement parse(String[] fields) {
        CallRecord record = new CallRecord(decode(fields[6]), Long.parseLong(fields[7]), decode(fields[8]),
            Integer.parseInt(fields[9]), Long.parseLong(fields[10]), Long.parseLong(fields[11]),
            Long.parseLong(fields[12]), Long.parseLong(fields[13]), 0, EndReason.valueOf(fields[14]),
            Integer.parseInt(fields[15]), "pending", 0);
        return new Settlement(decode(fields[1]), fields[2].equals("capture"), Long.parseLong(fields[3]),
            Long.parseLong(fields[4]), Boolean.parseBoolean(fields[5]), record);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text == null ? "" : text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
