package io.onecard.ops.ledger;

/**
 * The ledger (directly, or through a running server's API) refused an operator's command. The message says
 * why in words an operator understands; nothing changed.
 */
public final class LedgerRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public LedgerRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The ledger's result code, or the API's error code. */
    public String code() {
        return code;
    }
}
