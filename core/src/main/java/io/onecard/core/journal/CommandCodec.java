package io.onecard.core.journal;

import io.onecard.core.card.PinSecret;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.Command;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Credential;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesOut;

/**
 * The journal's binary form of a command: every field the ledger reads, nothing else.
 *
 * <p>No PIN is ever written: a PIN credential is journaled as its keyed digest. Strings are UTF-8 with a
 * length prefix; decoding refuses a record whose type, channel or credential is unknown, or whose
 * strings exceed the command's limits.
 */
public final class CommandCodec {
    private static final int VERSION = 1;
    private static final int FULL_AMOUNT = 1;
    private static final int PIN_GENERATED = 2;

    private CommandCodec() {
    }

    /** Writes the command's journaled fields. */
    public static void write(Command command, BytesOut<?> out) {
        out.writeByte((byte) VERSION);
        out.writeByte((byte) command.type().ordinal());
        out.writeByte((byte) command.channel().ordinal());
        out.writeByte((byte) command.credential().ordinal());
        out.writeByte((byte) ((command.fullAmount() ? FULL_AMOUNT : 0) | (command.pinGenerated() ? PIN_GENERATED : 0)));
        out.writeLong(command.timestampMillis());
        out.writeLong(command.cardNumber());
        out.writeLong(command.amountMinor());
        out.writeInt(command.currency());
        out.writeInt(command.expiresOnEpochDay());
        out.writeLong(command.holdId());
        out.writeLong(command.transactionId());
        out.writeLong(command.holdSeconds());
        out.writeLong(command.billedSeconds());
        out.writeLong(command.cursor());
        out.writeInt(command.limit());
        out.writeUtf8(command.idempotencyKey());
        out.writeUtf8(command.reference());
        out.writeUtf8(command.callId());
        out.writeUtf8(command.dialled());
        if (command.credential() == Credential.PIN) {
            out.write(command.pinDigest());
        } else if (command.credential() == Credential.SIP_DIGEST) {
            out.writeUtf8(command.digestInput());
            out.writeUtf8(command.digestResponse());
        }
        if (command.type() == CommandType.ISSUE_CARD) {
            out.write(command.salt());
            out.write(command.sealedHa1());
            out.writeUtf8(command.ownerEmail());
        }
    }

    /**
     * Reads a journaled command into a cleared {@code command}.
     *
     * @throws IllegalStateException when the record is not a valid command
     */
    public static void read(BytesIn<?> in, Command command) {
        command.clear();
        int version = in.readByte();
        if (version != VERSION) {
            throw new IllegalStateException("journal record version " + version + " is not " + VERSION);
        }
        CommandType type = CommandType.ofCode(in.readByte());
        Channel channel = Channel.ofCode(in.readByte());
        Credential credential = Credential.ofCode(in.readByte());
        if (type == null || channel == null || credential == null) {
            throw new IllegalStateException("journal record has an unknown type, channel or credential");
        }
        int flags = in.readByte();
        command.type(type).channel(channel).credential(credential)
            .fullAmount((flags & FULL_AMOUNT) != 0).pinGenerated((flags & PIN_GENERATED) != 0)
            .timestampMillis(in.readLong()).cardNumber(in.readLong()).amountMinor(in.readLong())
            .currency(in.readInt()).expiresOnEpochDay(in.readInt()).holdId(in.readLong())
            .transactionId(in.readLong()).holdSeconds(in.readLong()).billedSeconds(in.readLong())
            .cursor(in.readLong()).limit(in.readInt())
            .idempotencyKey(bounded(in, Command.MAX_IDEMPOTENCY_KEY_LENGTH))
            .reference(bounded(in, Command.MAX_REFERENCE_LENGTH))
            .callId(bounded(in, Command.MAX_CALL_ID_LENGTH))
            .dialled(bounded(in, Command.MAX_DIALLED_LENGTH));
        if (credential == Credential.PIN) {
            in.read(command.pinDigest(), 0, PinSecret.DIGEST_BYTES);
        } else if (credential == Credential.SIP_DIGEST) {
            String input = bounded(in, Command.MAX_DIGEST_INPUT_LENGTH);
            command.sipDigest(input, bounded(in, Command.MAX_DIGEST_INPUT_LENGTH));
        }
        if (type == CommandType.ISSUE_CARD) {
            in.read(command.salt(), 0, PinSecret.SALT_BYTES);
            in.read(command.sealedHa1(), 0, Command.SEALED_HA1_BYTES);
            command.ownerEmail(bounded(in, Command.MAX_OWNER_EMAIL_LENGTH));
        }
    }

    private static String bounded(BytesIn<?> in, int maxLength) {
        String text = in.readUtf8();
        if (text != null && text.length() > maxLength) {
            throw new IllegalStateException("journal record has a string of " + text.length() + " characters");
        }
        return text;
    }
}
