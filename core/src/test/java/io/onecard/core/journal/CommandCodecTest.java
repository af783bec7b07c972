package io.onecard.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.Command;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Credential;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

class CommandCodecTest {
    @Test
    void shouldRoundTripEveryJournaledFieldAndNoPin() {
        Command command = new Command();
        command.type(CommandType.CAPTURE).channel(Channel.PHONE).cardNumber(4242424242424242L).amountMinor(123)
            .fullAmount(true).currency(42).expiresOnEpochDay(20_000).holdId(7).transactionId(8).holdSeconds(60)
            .billedSeconds(61).reference("ref é").callId("call@host").dialled("4420").idempotencyKey("k")
            .timestampMillis(99).pin("1234").credential(Credential.PIN);
        command.pinDigest()[0] = 5;
        Bytes<?> bytes = Bytes.allocateElasticOnHeap(256);
        CommandCodec.write(command, bytes);
        assertThat(bytes.toString()).doesNotContain("1234");

        Command read = new Command();
        CommandCodec.read(bytes, read);
        assertThat(read.toString()).isEqualTo(command.toString());
        assertThat(read.channel()).isEqualTo(Channel.PHONE);
        assertThat(read.fullAmount()).isTrue();
        assertThat(read.reference()).isEqualTo("ref é");
        assertThat(read.callId()).isEqualTo("call@host");
        assertThat(read.billedSeconds()).isEqualTo(61);
        assertThat(read.timestampMillis()).isEqualTo(99);
        assertThat(read.pinDigest()[0]).isEqualTo((byte) 5);
        assertThat(read.pin()).isNull();
    }

    @Test
    void shouldRoundTripAnIssueWithItsOwnerSaltAndSealedHa1() {
        Command command = new Command();
        command.type(CommandType.ISSUE_CARD).cardNumber(4242424242424242L).amountMinor(500).currency(42)
            .ownerEmail("owner@example.org").credential(Credential.PIN).pinGenerated(true);
        command.salt()[3] = 9;
        command.sealedHa1()[15] = 7;
        Bytes<?> bytes = Bytes.allocateElasticOnHeap(256);
        CommandCodec.write(command, bytes);

        Command read = new Command();
        CommandCodec.read(bytes, read);
        assertThat(read.ownerEmail()).isEqualTo("owner@example.org");
        assertThat(read.pinGenerated()).isTrue();
        assertThat(read.salt()[3]).isEqualTo((byte) 9);
        assertThat(read.sealedHa1()[15]).isEqualTo((byte) 7);
    }

    @Test
    void shouldRefuseARecordOfAnotherVersion() {
        Bytes<?> bytes = Bytes.allocateElasticOnHeap(16);
        bytes.writeByte((byte) 9);
        assertThatThrownBy(() -> CommandCodec.read(bytes, new Command())).isInstanceOf(IllegalStateException.class);
    }
}
