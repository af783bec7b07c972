package io.onecard.core.ledger;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.Currencies;
import io.onecard.core.card.PinSecret;
import java.util.Arrays;

/**
 * One request to the ledger, and the slot its result comes back in.
 *
 * <p>Commands are the ring's preallocated events: an edge fills one through {@code CommandSink.tryPublish},
 * the journaller stamps and records it, the ledger applies it and writes its {@link #result()}, and the
 * replier hands the result back. Everything the ledger needs travels in the command (time, generated card
 * number and salt, idempotency key), so that replaying the journal rebuilds exactly the same state.
 *
 * <p>Limits on every variable-length field are named here; the ring refuses a command that breaks one.
 */
public final class Command {
    /** Longest idempotency key, in printable ASCII characters. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 160;
    /** Longest description or reference. */
    public static final int MAX_REFERENCE_LENGTH = 128;
    /** Longest call id. */
    public static final int MAX_CALL_ID_LENGTH = 128;
    /** Longest dialled number. */
    public static final int MAX_DIALLED_LENGTH = 32;
    /** Longest owner's e-mail address (the longest address SMTP carries). */
    public static final int MAX_OWNER_EMAIL_LENGTH = 254;
    /** Longest SIP digest input (everything after HA1 in the response hash). */
    public static final int MAX_DIGEST_INPUT_LENGTH = 512;
    /** Size of a sealed SIP HA1. */
    public static final int SEALED_HA1_BYTES = 16;
    /** Largest amount in one command, in minor units: ten billion major units. */
    public static final long MAX_AMOUNT_MINOR = 1_000_000_000_000L;
    /** Marks "no expiry date". */
    public static final int NO_EXPIRY = 0;

    private CommandType type;
    private Channel channel = Channel.ADMIN;
    private String idempotencyKey;
    private long cardNumber;
    private long amountMinor;
    private boolean fullAmount;
    private int currency;
    private int expiresOnEpochDay;
    private long holdId;
    private long transactionId;
    private long holdSeconds;
    private String reference;
    private String callId;
    private String dialled;
    private String ownerEmail;
    private long billedSeconds;
    private long cursor;
    private int limit;
    private CharSequence pin;

    private Credential credential = Credential.NONE;
    private final byte[] pinDigest = new byte[PinSecret.DIGEST_BYTES];
    private String digestInput;
    private String digestResponse;
    private final byte[] salt = new byte[PinSecret.SALT_BYTES];
    private final byte[] sealedHa1 = new byte[SEALED_HA1_BYTES];
    private boolean pinGenerated;

    private long timestampMillis;
    private long journalIndex;

    private final Result result = new Result();

    /** Resets every field, so that nothing of the previous use of this slot leaks into the next. */
    public void clear() {
        type = null;
        channel = Channel.ADMIN;
        idempotencyKey = null;
        cardNumber = CardNumbers.NONE;
        amountMinor = 0;
        fullAmount = false;
        currency = Currencies.NONE;
        expiresOnEpochDay = NO_EXPIRY;
        holdId = 0;
        transactionId = 0;
        holdSeconds = 0;
        reference = null;
        callId = null;
        dialled = null;
        ownerEmail = null;
        billedSeconds = 0;
        cursor = 0;
        limit = 0;
        pin = null;
        credential = Credential.NONE;
        Arrays.fill(pinDigest, (byte) 0);
        digestInput = null;
        digestResponse = null;
        Arrays.fill(salt, (byte) 0);
        Arrays.fill(sealedHa1, (byte) 0);
        pinGenerated = false;
        timestampMillis = 0;
        journalIndex = 0;
        result.clear();
    }

    public CommandType type() {
        return type;
    }

    public Command type(CommandType value) {
        this.type = value;
        return this;
    }

    public Channel channel() {
        return channel;
    }

    public Command channel(Channel value) {
        this.channel = value;
        return this;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** The key under which the first result is kept; edges scope it by client, e.g. {@code "gw:" + key}. */
    public Command idempotencyKey(String value) {
        this.idempotencyKey = value;
        return this;
    }

    public long cardNumber() {
        return cardNumber;
    }

    public Command cardNumber(long value) {
        this.cardNumber = value;
        return this;
    }

    public long amountMinor() {
        return amountMinor;
    }

    public Command amountMinor(long value) {
        this.amountMinor = value;
        return this;
    }

    /** For a capture: take the whole hold, whatever {@link #amountMinor()} says. */
    public boolean fullAmount() {
        return fullAmount;
    }

    public Command fullAmount(boolean value) {
        this.fullAmount = value;
        return this;
    }

    public int currency() {
        return currency;
    }

    public Command currency(int value) {
        this.currency = value;
        return this;
    }

    public int expiresOnEpochDay() {
        return expiresOnEpochDay;
    }

    public Command expiresOnEpochDay(int value) {
        this.expiresOnEpochDay = value;
        return this;
    }

    public long holdId() {
        return holdId;
    }

    public Command holdId(long value) {
        this.holdId = value;
        return this;
    }

    public long transactionId() {
        return transactionId;
    }

    public Command transactionId(long value) {
        this.transactionId = value;
        return this;
    }

    /**
     * For a hold or an extension: seconds from the command's time until the hold expires. An extension sets
     * the deadline to exactly this, earlier or later than before, so a call can keep its hold just ahead of
     * the paid time.
     */
    public long holdSeconds() {
        return holdSeconds;
    }

    public Command holdSeconds(long value) {
        this.holdSeconds = value;
        return this;
    }

    public String reference() {
        return reference;
    }

    public Command reference(String value) {
        this.reference = value;
        return this;
    }

    public String callId() {
        return callId;
    }

    /** For a capture that ends a phone call: the call's id. Makes the history entry a {@code call}. */
    public Command callId(String value) {
        this.callId = value;
        return this;
    }

    public String dialled() {
        return dialled;
    }

    public Command dialled(String value) {
        this.dialled = value;
        return this;
    }

    public String ownerEmail() {
        return ownerEmail;
    }

    /** For an issue: the address that receives the card's receipts and low-balance notice; null for none. */
    public Command ownerEmail(String value) {
        this.ownerEmail = value;
        return this;
    }

    public long billedSeconds() {
        return billedSeconds;
    }

    public Command billedSeconds(long value) {
        this.billedSeconds = value;
        return this;
    }

    /** For a history query: start below this history id; zero for the newest. */
    public long cursor() {
        return cursor;
    }

    public Command cursor(long value) {
        this.cursor = value;
        return this;
    }

    public int limit() {
        return limit;
    }

    public Command limit(int value) {
        this.limit = value;
        return this;
    }

    /** The PIN as the client sent it; replaced by its keyed digest before the command leaves the producer. */
    public CharSequence pin() {
        return pin;
    }

    public Command pin(CharSequence value) {
        this.pin = value;
        return this;
    }

    public Credential credential() {
        return credential;
    }

    public Command credential(Credential value) {
        this.credential = value;
        return this;
    }

    /** The keyed PIN digest; valid when the credential is {@link Credential#PIN}. */
    public byte[] pinDigest() {
        return pinDigest;
    }

    /** For {@link Credential#SIP_DIGEST}: {@code ":" nonce ":" nc ":" cnonce ":" qop ":" HA2} in hex. */
    public String digestInput() {
        return digestInput;
    }

    public Command sipDigest(String input, String response) {
        this.credential = Credential.SIP_DIGEST;
        this.digestInput = input;
        this.digestResponse = response;
        return this;
    }

    /** For {@link Credential#SIP_DIGEST}: the response the caller sent, 32 lower-case hex digits. */
    public String digestResponse() {
        return digestResponse;
    }

    /** For an issue: the new card's PIN salt, drawn by the producer. */
    public byte[] salt() {
        return salt;
    }

    /** For an issue: the card's SIP HA1, sealed under the server secret. */
    public byte[] sealedHa1() {
        return sealedHa1;
    }

    /** For an issue: true when OneCard generated the PIN (it can then be derived again for a replay). */
    public boolean pinGenerated() {
        return pinGenerated;
    }

    public Command pinGenerated(boolean value) {
        this.pinGenerated = value;
        return this;
    }

    /** Set by the journaller: the command's time. Never runs backwards within one journal. */
    public long timestampMillis() {
        return timestampMillis;
    }

    public Command timestampMillis(long value) {
        this.timestampMillis = value;
        return this;
    }

    /** Set by the journaller: where the command stands in the journal; zero for unjournaled queries. */
    public long journalIndex() {
        return journalIndex;
    }

    public Command journalIndex(long value) {
        this.journalIndex = value;
        return this;
    }

    /** True when this command changes state and so must be journaled before it is applied. */
    public boolean needsJournal() {
        return !type.isQuery() || credential != Credential.NONE;
    }

    public Result result() {
        return result;
    }

    @Override
    public String toString() {
        return type + "{card=" + CardNumbers.mask(cardNumber) + ", amount=" + amountMinor
            + ", hold=" + holdId + ", tx=" + transactionId + ", key=" + idempotencyKey + "}";
    }
}
