package io.onecard.core.ring;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.PinSecret;
import io.onecard.core.ledger.Command;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Credential;
import io.onecard.core.store.Table;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The producer's share of a command: everything random or secret is settled here, on the publishing
 * thread, so that the journal holds no PIN and the ledger stays deterministic.
 *
 * <p>A PIN is replaced by its keyed digest. An issue gets a fresh card number that no existing card has, a
 * salt, a generated PIN when none was given, and the card's sealed SIP HA1. An issue whose writer set the
 * card number itself keeps that number and the salt the writer put beside it: an edge that must send the very
 * same issue again after a crash (the card site) draws both first and keeps them with its order.
 */
final class CommandPreparer {
    private static final int MAX_NUMBER_DRAWS = 16;

    private final PinSecret secret;
    private final CardNumbers numbers;
    private final SecureRandom random;
    private final Table<Long, ?> cards;

    CommandPreparer(PinSecret secret, CardNumbers numbers, SecureRandom random, Table<Long, ?> cards) {
        this.secret = secret;
        this.numbers = numbers;
        this.random = random;
        this.cards = cards;
    }

    void prepare(Command command) {
        requireWithinLimits(command);
        if (command.type() == CommandType.ISSUE_CARD) {
            prepareIssue(command);
        } else if (command.credential() == Credential.PIN) {
            CharSequence pin = command.pin();
            secret.digest(pin == null ? "" : pin, command.pinDigest());
        }
        command.pin(null);
    }

    /**
     * Refuses, before it can be journaled, a string the journal's reader would not take back: an edge checks
     * these limits first, so this only stops a programming error from making the journal unreadable.
     */
    private static void requireWithinLimits(Command command) {
        requireLength("idempotency key", command.idempotencyKey(), Command.MAX_IDEMPOTENCY_KEY_LENGTH);
        requireLength("reference", command.reference(), Command.MAX_REFERENCE_LENGTH);
        requireLength("call id", command.callId(), Command.MAX_CALL_ID_LENGTH);
        requireLength("dialled number", command.dialled(), Command.MAX_DIALLED_LENGTH);
        requireLength("owner e-mail", command.ownerEmail(), Command.MAX_OWNER_EMAIL_LENGTH);
        requireLength("digest input", command.digestInput(), Command.MAX_DIGEST_INPUT_LENGTH);
        requireLength("digest response", command.digestResponse(), Command.MAX_DIGEST_INPUT_LENGTH);
    }

    private static void requireLength(String name, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new IllegalArgumentException(name + " longer than " + maxLength + " characters");
        }
    }

    private void prepareIssue(Command command) {
        byte[] salt = new byte[PinSecret.SALT_BYTES];
        if (command.cardNumber() == CardNumbers.NONE) {
            command.cardNumber(drawUnusedNumber());
            random.nextBytes(salt);
            System.arraycopy(salt, 0, command.salt(), 0, salt.length);
        } else {
            System.arraycopy(command.salt(), 0, salt, 0, salt.length);
        }
        CharSequence pin = command.pin();
        if (pin == null) {
            pin = secret.derivePin(command.cardNumber(), salt);
            command.pinGenerated(true);
        }
        if (!PinSecret.isValidPin(pin)) {
            command.credential(Credential.NONE);
            Arrays.fill(command.pinDigest(), (byte) 0);
            return;
        }
        command.credential(Credential.PIN);
        secret.digest(pin, command.pinDigest());
        secret.sealHa1(command.cardNumber(), salt, pin, command.sealedHa1());
    }

    private long drawUnusedNumber() {
        long number = numbers.draw();
        for (int i = 1; i < MAX_NUMBER_DRAWS && cards.contains(number); i++) {
            number = numbers.draw();
        }
        return number;
    }
}
