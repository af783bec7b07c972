package io.onecard.core.journal;

import io.onecard.core.ledger.Command;
import io.onecard.core.ring.Durability;
import java.nio.file.Path;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The journal: every state-changing command, in order, in a Chronicle Queue under {@code <data dir>/journal}.
 *
 * <p>A command is journaled before it is applied, and no reply leaves before its command is in the journal.
 * In {@code sync} mode the journaller calls {@link #force()} once per batch, so one disk flush covers many
 * commands (group commit). The journal is kept whole: recovery replays its tail, and an audit replays all
 * of it. Appends come from one thread only (the journaller, or recovery before it starts).
 */
public final class Journal implements AutoCloseable {
    private final SingleChronicleQueue queue;
    private final Durability durability;
    private ExcerptAppender appender;

    private Journal(SingleChronicleQueue queue, Durability durability) {
        this.queue = queue;
        this.durability = durability;
    }

    /** Opens (or creates) the journal in {@code <dataDir>/journal}. */
    public static Journal open(Path dataDir, Durability durability) {
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dataDir.resolve("journal"))
            .syncMode(durability == Durability.SYNC ? SyncMode.SYNC : SyncMode.NONE)
            .build();
        return new Journal(queue, durability);
    }

    /** Opens an existing journal for reading only (audit, dump). */
    public static Journal openForReading(Path dataDir) {
        SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dataDir.resolve("journal"))
            .readOnly(true)
            .build();
        return new Journal(queue, Durability.ASYNC);
    }

    /** Appends a command and returns its journal index. Journaller thread only. */
    public long append(Command command) {
        if (appender == null) {
            appender = queue.createAppender();
        }
        try (DocumentContext document = appender.writingDocument()) {
            CommandCodec.write(command, document.wire().bytes());
        }
        return appender.lastIndexAppended();
    }

    /** Forces everything appended so far to disk, in {@code sync} mode; does nothing in {@code async}. */
    public void force() {
        if (durability == Durability.SYNC && appender != null) {
            appender.sync();
        }
    }

    /**
     * Reads every command after {@code afterIndex} (all of them for zero) into {@code scratch} and hands
     * each to {@code action}, in journal order.
     *
     * @return how many commands were read
     */
    public long replay(long afterIndex, long upToIndex, Command scratch, Consumer<Command> action) {
        long count = 0;
        try (ExcerptTailer tailer = queue.createTailer()) {
            if (afterIndex != 0) {
                if (!tailer.moveToIndex(afterIndex)) {
                    throw new IllegalStateException("journal has no entry " + Long.toHexString(afterIndex)
                        + " to resume after");
                }
                skipOne(tailer);
            }
            while (true) {
                try (DocumentContext document = tailer.readingDocument()) {
                    if (!document.isPresent() || document.index() > upToIndex) {
                        return count;
                    }
                    CommandCodec.read(document.wire().bytes(), scratch);
                    scratch.journalIndex(document.index());
                    action.accept(scratch);
                    count++;
                }
            }
        }
    }

    private static void skipOne(ExcerptTailer tailer) {
        try (DocumentContext document = tailer.readingDocument()) {
            if (!document.isPresent()) {
                throw new IllegalStateException("journal entry to resume after is missing");
            }
        }
    }

    /** The index of the last command in the journal, or zero when it is empty. */
    public long lastIndex() {
        long index = queue.lastIndex();
        return index < 0 ? 0 : index;
    }

    /** The files of the journal, for size reports. */
    public Path directory() {
        return queue.file().toPath();
    }

    @Override
    public void close() {
        if (appender != null) {
            appender.close();
        }
        queue.close();
    }
}
