package io.onecard.core.ring;

/**
 * Where edges send commands to the ledger. Never blocks: a full ring is an answer, not a wait.
 */
public interface CommandSink {
    /**
     * Claims a slot, lets {@code writer} fill the command, and publishes it.
     *
     * <p>The writer runs on the calling thread and must only set fields; the listener runs later on the
     * replier thread with the command and its result, which are valid only during the call, so the listener
     * copies what it keeps and hands any slow work (network writes) to its own thread.
     *
     * @return {@code false} when the ring has no free slot; nothing was published and the listener is never
     *     called. The edge answers "overloaded" at once.
     */
    boolean tryPublish(CommandWriter writer, ResultListener listener);
}
