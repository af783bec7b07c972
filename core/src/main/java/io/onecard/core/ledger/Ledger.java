package io.onecard.core.ledger;

import io.onecard.core.CoreConfig;
import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.CardStatus;
import io.onecard.core.card.Currencies;
import io.onecard.core.card.EmailAddresses;
import io.onecard.core.card.PinHasher;
import io.onecard.core.card.PinSecret;
import io.onecard.core.card.SipDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine at the heart of OneCard: applies one command at a time to the card records.
 *
 * <p>Deterministic: no clock, no randomness, no I/O of its own. Time comes from the command (and never runs
 * backwards: the ledger keeps the latest time it saw), card numbers and salts are drawn by the producer,
 * and the persisted stores are its only memory. Applying the same journal to the same starting state
 * always gives the same state and the same results.
 *
 * <p>Single writer: only the ring's ledger thread (or recovery, before the ring starts) calls
 * {@link #apply}. Every failed command changes nothing, except that a wrong PIN counts towards the lock.
 * Invariants checked with assertions: {@code available >= 0} and {@code held >= 0} on every card written.
 */
public final class Ledger {
    /** Most holds one expiry command releases; the timer asks again when more are due. */
    public static final int MAX_EXPIRIES_PER_COMMAND = 8;
    /** Largest balance a card may reach, in minor units. */
    public static final long MAX_BALANCE_MINOR = 1_000_000_000_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
    private static final int DEFAULT_PAGE_ITEMS = 20;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private final LedgerState state;
    private final HoldDeadlines deadlines = new HoldDeadlines();
    private final PinHasher hasher = new PinHasher();
    private final SipDigest sipDigest;
    private final IdempotencyKeys keys;
    private final long maxCards;
    private final long maxOpenHolds;
    private final long transactionRetention;
    private final long historyRetention;
    private final long maxHoldSeconds;

    private final CardRecord card = new CardRecord();
    private final CardCache cardCache = new CardCache();
    private final TransactionRecord transaction = new TransactionRecord();
    private final TransactionRecord retired = new TransactionRecord();
    private final HistoryRecord entry = new HistoryRecord();
    private final byte[] scratchHash = new byte[PinHasher.HASH_BYTES];
    private Thread writer;

    public Ledger(LedgerState state, PinSecret secret, CoreConfig config) {
        this.state = state;
        this.sipDigest = new SipDigest(secret);
        this.keys = new IdempotencyKeys(state, config.idempotencyWindow().toMillis(), config.idempotencyMaxKeys());
        this.maxCards = config.maxCards();
        this.maxOpenHolds = config.maxOpenHolds();
        this.transactionRetention = config.transactionRetention();
        this.historyRetention = config.historyRetention();
        this.maxHoldSeconds = config.maxHoldDuration().toSeconds();
        reloadIndexes();
    }

    /**
     * Rebuilds the deadline index from the open holds in the store, and forgets what else the ledger learnt
     * from the stores: after start, after a restore, and after a command that failed inside the ledger was
     * rolled back (its changes to the in-memory indexes are not in the undo record).
     */
    public void reloadIndexes() {
        keys.forgetKnownAges();
        cardCache.clear();
        deadlines.clear();
        state.transactions().forEach(new TransactionRecord(), (id, hold) -> {
            if (hold.isOpenHold()) {
                deadlines.add(hold.deadlineMillis(), id);
            }
        });
    }

    public LedgerState state() {
        return state;
    }

    /** Applies one command and writes its result into {@code command.result()}. */
    public void apply(Command command) {
        assert isSingleWriter();
        boolean journaled = command.needsJournal();
        if (journaled) {
            state.file().beginUndo(command.journalIndex());
        }
        long now = Math.max(state.counter(Counter.LAST_TIME), command.timestampMillis());
        Result result = command.result();
        result.clear();
        try {
            if (!keys.replay(command, result)) {
                dispatch(command, now, result);
                result.timestampMillis(now);
                keys.remember(command, result, now);
            }
        } catch (RuntimeException e) {
            state.stores().rollbackUnfinishedCommand();
            reloadIndexes();
            LOG.error("command {} failed inside the ledger and changed nothing", command, e);
            result.fail(ResultCode.INVALID_REQUEST);
        }
        if (journaled) {
            state.counter(Counter.LAST_TIME, now);
            state.add(Counter.COMMANDS, 1);
            state.file().lastAppliedIndex(command.journalIndex());
        }
    }

    private void dispatch(Command command, long now, Result result) {
        if (command.type() == null) {
            result.fail(ResultCode.INVALID_REQUEST);
            return;
        }
        switch (command.type()) {
            case ISSUE_CARD -> issue(command, now, result);
            case VERIFY_CREDENTIAL, QUERY_CARD -> queryCard(command, now, result);
            case BLOCK_CARD, UNBLOCK_CARD, CLOSE_CARD -> changeStatus(command, result);
            case RECHARGE -> recharge(command, now, result);
            case AUTHORIZE -> authorize(command, now, result);
            case EXTEND_HOLD -> extend(command, now, result);
            case CAPTURE -> capture(command, now, result);
            case VOID -> voidHold(command, now, result);
            case DEBIT -> debit(command, now, result);
            case REFUND -> refund(command, now, result);
            case EXPIRE_HOLDS -> expireDue(now, result);
            case QUERY_HISTORY -> queryHistory(command, now, result);
            default -> result.fail(ResultCode.INVALID_REQUEST);
        }
    }

    private void issue(Command command, long now, Result result) {
        if (!CardNumbers.isValid(command.cardNumber()) || command.credential() != Credential.PIN
            || command.currency() == Currencies.NONE || !isAmount(command.amountMinor(), true)
            || command.expiresOnEpochDay() < 0
            || command.ownerEmail() != null && !EmailAddresses.isValid(command.ownerEmail())) {
            result.fail(ResultCode.INVALID_REQUEST);
            return;
        }
        if (state.cards().containsLongKey(command.cardNumber())) {
            result.fail(ResultCode.DUPLICATE_CARD);
            return;
        }
        if (state.counter(Counter.CARDS) >= maxCards) {
            result.fail(ResultCode.CAPACITY_EXCEEDED);
            return;
        }
        newCard(command, now);
        if (command.ownerEmail() != null) {
            state.owners().writeLongKey(command.cardNumber(), command.ownerEmail());
        }
        long id = nextId();
        appendHistory(id, TransactionType.ISSUE, command, command.amountMinor(), now);
        state.add(Counter.ISSUED, command.amountMinor());
        state.add(Counter.CARDS, 1);
        result.card(card).transactionId(id);
        result.amountMinor(command.amountMinor());
        result.pinGenerated(command.pinGenerated());
        System.arraycopy(command.salt(), 0, result.salt(), 0, PinSecret.SALT_BYTES);
    }

    private void newCard(Command command, long now) {
        card.cardNumber(command.cardNumber());
        card.expiresOnEpochDay(command.expiresOnEpochDay());
        card.currency(command.currency());
        card.statusCode(CardStatus.ACTIVE.ordinal());
        card.pinFailures(0);
        card.balance(command.amountMinor());
        card.held(0);
        card.createdAtMillis(now);
        card.lastHistoryId(0);
        System.arraycopy(command.salt(), 0, card.salt(), 0, PinSecret.SALT_BYTES);
        System.arraycopy(command.sealedHa1(), 0, card.sealedHa1(), 0, Command.SEALED_HA1_BYTES);
        hasher.hash(command.salt(), command.pinDigest(), card.pinHash());
    }

    private void queryCard(Command command, long now, Result result) {
        if (command.credential() == Credential.NONE) {
            if (!readCard(command.cardNumber())) {
                result.fail(ResultCode.UNKNOWN_CARD);
                return;
            }
        } else if (!authenticate(command, now)) {
            result.fail(ResultCode.CARD_DECLINED);
            return;
        }
        cardResult(result, now);
    }

    private void changeStatus(Command command, Result result) {
        if (!readCard(command.cardNumber())) {
            result.fail(ResultCode.UNKNOWN_CARD);
            return;
        }
        CardStatus status = CardStatus.ofCode(card.statusCode());
        if (status == CardStatus.CLOSED) {
            result.fail(ResultCode.INVALID_STATE);
            return;
        }
        switch (command.type()) {
            case BLOCK_CARD -> card.statusCode(CardStatus.BLOCKED.ordinal());
            case UNBLOCK_CARD -> {
                card.statusCode(CardStatus.ACTIVE.ordinal());
                card.pinFailures(0);
            }
            default -> {
                if (card.held() > 0) {
                    result.fail(ResultCode.INVALID_STATE);
                    return;
                }
                card.statusCode(CardStatus.CLOSED.ordinal());
            }
        }
        writeCard();
        result.card(card);
    }

    private void recharge(Command command, long now, Result result) {
        if (!isAmount(command.amountMinor(), false)) {
            result.fail(ResultCode.INVALID_REQUEST);
            return;
        }
        if (!readCard(command.cardNumber()) || !isUsable(now)) {
            result.fail(ResultCode.CARD_DECLINED);
            return;
        }
        if (card.currency() != command.currency()) {
            result.fail(ResultCode.CURRENCY_MISMATCH);
            return;
        }
        if (card.balance() > MAX_BALANCE_MINOR - command.amountMinor()) {
            result.fail(ResultCode.INVALID_REQUEST);
            return;
        }
        card.balance(card.balance() + command.amountMinor());
        long id = nextId();
        appendHistory(id, TransactionType.RECHARGE, command, command.amountMinor(), now);
        state.add(Counter.RECHARGED, command.amountMinor());
        result.card(card).transactionId(id);
        result.amountMinor(command.amountMinor());
    }

    private void authorize(Command command, long now, Result result) {
        long holdSeconds = command.holdSeconds() == 0 ? maxHoldSeconds : command.holdSeconds();
        if (!isAmount(command.amountMinor(), false) || holdSeconds < 1 || holdSeconds > maxHoldSeconds) {
            result.fail(ResultCode.INVALID_REQUEST);
            return;
        }
        if (!spendable(command, now, result)) {
            return;
        }
        if (state.counter(Counter.OPEN_HOLDS) >= maxOpenHolds) {
            result.fail(ResultCode.CAPACITY_EXCEEDED);
            return;
        }
        long holdId = nextId();
        long deadline = now + holdSeconds * 1000;
        transaction.set(holdId, card.cardNumber(), TransactionRecord.KIND_HOLD, TransactionRecord.OPEN,
            command.channel(), command.amountMinor(), deadline, now);
        state.transactions().writeLongKey(holdId, transaction);
        deadlines.add(deadline, holdId);
        state.add(Counter.OPEN_HOLDS, 1);
        state.add(Counter.HELD, command.amountMinor());
        card.held(card.held() + command.amountMinor());
        appendHistory(holdId, TransactionType.HOLD, command, command.amountMinor(), now);
        result.card(card).holdId(holdId);
        result.amountMinor(command.amountMinor());
        result.expiresAtMillis(deadline);
    }

    /** Checks credential, currency and funds for a new spend, and leaves the card in {@link #card}. */
    private boolean spendable(Command command, long now, Result result) {
        if (!authenticate(command, now)) {
            result.fail(ResultCode.CARD_DECLINED);
            return false;
        }
        if (card.currency() != command.currency()) {
            result.fail(ResultCode.CURRENCY_MISMATCH);
            return false;
        }
        if (card.available() < command.amountMinor()) {
            result.fail(ResultCode.INSUFFICIENT_FUNDS);
            result.card(card);
            return false;
        }
        return true;
    }

    private void extend(Command command, long now, Result result) {
        long amount = command.amountMinor();
        if (amount < 0 || amount > Command.MAX_AMOUNT_MINOR || command.holdSeconds() < 1
            || command.holdSeconds() > maxHoldSeconds) {
            result.fail(ResultCode.INVALID_REQUEST);
            return;
        }
        if (!openHold(command.holdId(), now, result)) {
            return;
        }
        readCard(transaction.cardNumber());
        if (!isUsable(now)) {
            result.fail(ResultCode.CARD_DECLINED);
            return;
        }
        if (card.available() < amount) {
            result.fail(ResultCode.INSUFFICIENT_FUNDS);
            result.card(card);
            return;
        }
        long deadline = now + command.holdSeconds() * 1000;
        transaction.amountMinor(transaction.amountMinor() + amount);
        transaction.deadlineMillis(deadline);
        state.transactions().writeLongKey(command.holdId(), transaction);
        deadlines.add(deadline, command.holdId());
        state.add(Counter.HELD, amount);
        card.held(card.held() + amount);
        writeCard();
        result.card(card).holdId(command.holdId());
        result.amountMinor(transaction.amountMinor());
        result.expiresAtMillis(deadline);
    }

    /** Reads an open, unexpired hold into {@link #transaction}, or writes the failure. */
    private boolean openHold(long holdId, long now, Result result) {
        if (!state.transactions().readLongKey(holdId, transaction)
            || transaction.kind() != TransactionRecord.KIND_HOLD) {
            result.fail(ResultCode.NOT_FOUND);
            return false;
        }
        if (transaction.status() != TransactionRecord.OPEN || transaction.deadlineMillis() <= now) {
            result.fail(ResultCode.INVALID_STATE);
            result.holdId(holdId);
            return false;
        }
        return true;
    }

    private void capture(Command command, long now, Result result) {
        if (!command.fullAmount() && !isAmount(command.amountMinor(), false)) {
            result.fail(ResultCode.INVALID_REQUEST);
            return;
        }
        if (!openHold(command.holdId(), now, result)) {
            return;
        }
        long heldAmount = transaction.amountMinor();
        long captured = command.fullAmount() ? heldAmount : command.amountMinor();
        if (captured > heldAmount) {
            result.fail(ResultCode.INVALID_REQUEST);
            return;
        }
        long holdId = command.holdId();
        closeHold(holdId, TransactionRecord.CAPTURED);
        readCard(transaction.cardNumber());
        card.held(card.held() - heldAmount);
        card.balance(card.balance() - captured);
        long chargeId = nextId();
        newCharge(chargeId, command, captured, now);
        TransactionType type = command.callId() == null ? TransactionType.CAPTURE : TransactionType.CALL;
        appendHistory(chargeId, type, command, captured, now);
        if (captured < heldAmount) {
            appendHistory(holdId, TransactionType.RELEASE, command, heldAmount - captured, now);
        }
        state.add(Counter.CAPTURED, captured);
        result.card(card).holdId(holdId);
        result.transactionId(chargeId);
        result.capturedMinor(captured);
        result.releasedMinor(heldAmount - captured);
        result.amountMinor(captured);
    }

    /** Closes the hold in {@link #transaction}: out of the open counts, kept or dropped by retention. */
    private void closeHold(long holdId, byte status) {
        deadlines.close(holdId);
        state.add(Counter.OPEN_HOLDS, -1);
        state.add(Counter.HELD, -transaction.amountMinor());
        if (holdId <= state.counter(Counter.NEXT_ID) - transactionRetention) {
            state.transactions().deleteLongKey(holdId);
            return;
        }
        transaction.status(status);
        state.transactions().writeLongKey(holdId, transaction);
    }

    private void newCharge(long chargeId, Command command, long amount, long now) {
        transaction.set(chargeId, card.cardNumber(), TransactionRecord.KIND_CHARGE, TransactionRecord.CAPTURED,
            command.channel(), amount, 0, now);
        state.transactions().writeLongKey(chargeId, transaction);
    }

    private void voidHold(Command command, long now, Result result) {
        if (!openHold(command.holdId(), now, result)) {
            return;
        }
        long released = transaction.amountMinor();
        closeHold(command.holdId(), TransactionRecord.VOIDED);
        readCard(transaction.cardNumber());
        card.held(card.held() - released);
        appendHistory(command.holdId(), TransactionType.VOID, command, released, now);
        result.card(card).holdId(command.holdId());
        result.releasedMinor(released);
        result.amountMinor(released);
    }

    private void debit(Command command, long now, Result result) {
        if (!isAmount(command.amountMinor(), false)) {
            result.fail(ResultCode.INVALID_REQUEST);
            return;
        }
        if (!spendable(command, now, result)) {
            return;
        }
        card.balance(card.balance() - command.amountMinor());
        long chargeId = nextId();
        newCharge(chargeId, command, command.amountMinor(), now);
        appendHistory(chargeId, TransactionType.DEBIT, command, command.amountMinor(), now);
        state.add(Counter.DEBITED, command.amountMinor());
        result.card(card).transactionId(chargeId);
        result.amountMinor(command.amountMinor());
    }

    private void refund(Command command, long now, Result result) {
        if (!isAmount(command.amountMinor(), false)) {
            result.fail(ResultCode.INVALID_REQUEST);
            return;
        }
        long chargeId = command.transactionId();
        if (!state.transactions().readLongKey(chargeId, transaction)
            || transaction.kind() != TransactionRecord.KIND_CHARGE) {
            result.fail(ResultCode.NOT_FOUND);
            return;
        }
        if (transaction.refundedMinor() + command.amountMinor() > transaction.amountMinor()) {
            result.fail(ResultCode.INVALID_STATE);
            result.transactionId(chargeId);
            return;
        }
        transaction.refundedMinor(transaction.refundedMinor() + command.amountMinor());
        state.transactions().writeLongKey(chargeId, transaction);
        readCard(transaction.cardNumber());
        card.balance(card.balance() + command.amountMinor());
        long refundId = nextId();
        appendHistory(refundId, TransactionType.REFUND, command, command.amountMinor(), now);
        state.add(Counter.REFUNDED, command.amountMinor());
        result.card(card).transactionId(chargeId);
        result.refundId(refundId);
        result.amountMinor(command.amountMinor());
    }

    private void expireDue(long now, Result result) {
        int expired = 0;
        while (!deadlines.isEmpty() && deadlines.firstDeadline() <= now && expired < MAX_EXPIRIES_PER_COMMAND) {
            long deadline = deadlines.firstDeadline();
            long holdId = deadlines.firstId();
            deadlines.removeFirst();
            if (state.transactions().readLongKey(holdId, transaction) && transaction.isOpenHold()
                && transaction.deadlineMillis() == deadline) {
                long released = transaction.amountMinor();
                closeHold(holdId, TransactionRecord.EXPIRED);
                readCard(transaction.cardNumber());
                card.held(card.held() - released);
                appendHistory(holdId, TransactionType.EXPIRE, null, released, now);
                expired++;
            }
        }
        result.amountMinor(expired);
        result.expiresAtMillis(deadlines.isEmpty() ? 0 : deadlines.firstDeadline());
    }

    private void queryHistory(Command command, long now, Result result) {
        int limit = command.limit() == 0 ? DEFAULT_PAGE_ITEMS : command.limit();
        if (limit < 1 || limit > Result.MAX_PAGE_ITEMS || command.cursor() < 0) {
            result.fail(ResultCode.INVALID_REQUEST);
            return;
        }
        queryCard(command, now, result);
        if (!result.isOk()) {
            return;
        }
        long next = command.cursor() == 0 ? card.lastHistoryId() : command.cursor();
        while (next != 0 && result.itemCount() < limit) {
            if (!state.history().readLongKey(next, entry) || entry.cardNumber() != card.cardNumber()) {
                next = 0;
                break;
            }
            result.nextItemSlot().set(next, entry);
            next = entry.previousHistoryId();
        }
        result.nextCursor(next != 0 && state.history().containsLongKey(next) ? next : 0);
    }

    /** Reads the command's card into {@link #card} and checks that it may be used with this credential. */
    private boolean authenticate(Command command, long now) {
        if (!readCard(command.cardNumber())) {
            return false;
        }
        if (!isUsable(now) || card.pinFailures() >= CardRecord.MAX_PIN_FAILURES) {
            return false;
        }
        boolean accepted = switch (command.credential()) {
            case NONE -> true;
            case PIN -> hasher.matches(card.salt(), command.pinDigest(), card.pinHash());
            case SIP_DIGEST -> sipDigest.verify(card.cardNumber(), card.salt(), card.sealedHa1(),
                command.digestInput(), command.digestResponse());
        };
        if (command.credential() != Credential.NONE && (!accepted || card.pinFailures() != 0)) {
            card.pinFailures(accepted ? 0 : card.pinFailures() + 1);
            writeCard();
        }
        return accepted;
    }

    private boolean isUsable(long now) {
        return card.statusCode() == CardStatus.ACTIVE.ordinal() && !isPastExpiry(now);
    }

    private boolean isPastExpiry(long now) {
        return card.expiresOnEpochDay() != Command.NO_EXPIRY && now / MILLIS_PER_DAY > card.expiresOnEpochDay();
    }

    private void cardResult(Result result, long now) {
        result.card(card);
        if (card.statusCode() == CardStatus.ACTIVE.ordinal() && isPastExpiry(now)) {
            result.cardStatus(CardStatus.EXPIRED);
        }
    }

    private static boolean isAmount(long amount, boolean zeroAllowed) {
        return (zeroAllowed ? amount >= 0 : amount > 0) && amount <= Command.MAX_AMOUNT_MINOR;
    }

    /**
     * Draws the next transaction id and lets the record that falls out of the retention window go, unless it
     * is a hold still open (that one goes when it closes). Every id passes the window exactly once, so the
     * store never holds more than the retention plus the open holds.
     */
    private long nextId() {
        long id = state.counter(Counter.NEXT_ID) + 1;
        state.counter(Counter.NEXT_ID, id);
        long expired = id - transactionRetention;
        if (expired > 0) {
            state.transactions().deleteUnless(expired, retired, TransactionRecord::isOpenHold);
        }
        return id;
    }

    /** Appends a history entry for the card in {@link #card}, links it, and writes the card. */
    private void appendHistory(long id, TransactionType type, Command command, long amount, long now) {
        long historyId = state.counter(Counter.NEXT_HISTORY_ID) + 1;
        state.counter(Counter.NEXT_HISTORY_ID, historyId);
        Channel channel = command == null ? Channel.ofCode(transaction.channelCode()) : command.channel();
        entry.set(card, card.lastHistoryId(), id, type, channel, amount, now);
        if (command != null) {
            entry.details(command.reference(), command.callId(), command.dialled(), command.billedSeconds());
        }
        state.history().writeLongKey(historyId, entry);
        if (historyId > historyRetention) {
            state.history().deleteLongKey(historyId - historyRetention);
        }
        card.lastHistoryId(historyId);
        writeCard();
    }

    private void writeCard() {
        assert card.held() >= 0 : "held < 0 on " + CardNumbers.mask(card.cardNumber());
        assert card.available() >= 0 : "available < 0 on " + CardNumbers.mask(card.cardNumber());
        state.cards().writeLongKey(card.cardNumber(), card);
        cardCache.put(card);
    }

    /** Reads a card into {@link #card}, from the cache when it holds it; false when there is no such card. */
    private boolean readCard(long cardNumber) {
        if (cardCache.read(cardNumber, card)) {
            return true;
        }
        if (!state.cards().readLongKey(cardNumber, card)) {
            return false;
        }
        cardCache.put(card);
        return true;
    }

    private boolean isSingleWriter() {
        if (writer == null) {
            writer = Thread.currentThread();
        }
        return writer == Thread.currentThread();
    }

    /** Lets another thread take over as the single writer (recovery hands the ledger to the ring). */
    public void handOver() {
        writer = null;
    }
}
