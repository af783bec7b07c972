package io.onecard.core.ring;

import java.util.Locale;

/** When a journaled command counts as safe. */
public enum Durability {
    /** The journal is forced to disk once per batch, before any reply of the batch leaves. */
    SYNC,
    /** The journal stays in the page cache: it survives a killed process, not a power cut. */
    ASYNC;

    /** Parses {@code sync} or {@code async}, as configuration spells them. */
    public static Durability parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
