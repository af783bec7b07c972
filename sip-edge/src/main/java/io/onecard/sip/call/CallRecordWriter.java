package io.onecard.sip.call;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends call records to {@code <data dir>/cdr/calls-YYYY-MM-DD.jsonl}, one file per UTC day of the call's
 * end, one JSON object per line, flushed after every line so that a record survives a killed process.
 *
 * <p>Thread-safe. A failed write is logged and does not stop the call: the ledger's history already holds
 * the charge, the CDR file is the operator's copy.
 */
public final class CallRecordWriter implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecordWriter.class);

    private final Path directory;
    private LocalDate day;
    private BufferedWriter out;

    public CallRecordWriter(Path dataDir) throws IOException {
        this.directory = dataDir.resolve("cdr");
        Files.createDirectories(directory);
    }

    /** The file that holds the records of calls ending on {@code date}. */
    public Path fileFor(LocalDate date) {
        return directory.resolve("calls-" + date + ".jsonl");
    }

    /** True when the file of the call's end day already holds a record of that call. */
    public synchronized boolean isRecorded(CallRecord record) throws IOException {
        Path file = fileFor(java.time.Instant.ofEpochMilli(record.endMillis()).atZone(ZoneOffset.UTC).toLocalDate());
        if (!Files.exists(file)) {
            return false;
        }
        try (java.util.stream.Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> CallRecord.isOf(line, record.callId()));
        }
    }

    /** Appends one record. */
    public synchronized void write(CallRecord record) {
        LocalDate recordDay = java.time.Instant.ofEpochMilli(record.endMillis()).atZone(ZoneOffset.UTC).toLocalDate();
        try {
            if (out == null || !recordDay.equals(day)) {
                closeQuietly();
                out = Files.newBufferedWriter(fileFor(recordDay), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
                day = recordDay;
            }
            out.write(record.toJson());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            LOG.error("cannot write the call record of a call ended {}", record.endMillis(), e);
            closeQuietly();
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warn("cannot close the call record file", e);
            }
            out = null;
        }
    }
}
