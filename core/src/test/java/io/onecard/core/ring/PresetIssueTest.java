package io.onecard.core.ring;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.OneCardCore;
import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.Currencies;
import io.onecard.core.card.PinSecret;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.Result;
import io.onecard.core.ledger.ResultCode;
import io.onecard.core.testing.TestConfigs;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An issue whose writer drew the card number and salt itself is sent again, after a crash, unchanged. */
class PresetIssueTest {
    @TempDir
    Path dataDir;

    @Test
    void shouldKeepTheNumberAndSaltTheWriterDrewAndReplayTheSameCardUnderTheSameKey() throws Exception {
        try (OneCardCore core = OneCardCore.open(TestConfigs.small(dataDir))) {
            long number = new CardNumbers(core.config().issuerPrefix(), new SecureRandom()).draw();
            byte[] salt = new byte[PinSecret.SALT_BYTES];
            new SecureRandom().nextBytes(salt);

            Issued first = issue(core, number, salt, "preset-1");
            Issued again = issue(core, number, salt, "preset-1");

            assertThat(first.code).isEqualTo(ResultCode.OK);
            assertThat(first.cardNumber).isEqualTo(number);
            assertThat(first.salt).isEqualTo(salt);
            assertThat(first.replayed).isFalse();
            assertThat(again.code).isEqualTo(ResultCode.OK);
            assertThat(again.replayed).isTrue();
            assertThat(again.cardNumber).isEqualTo(number);
            assertThat(core.pinSecret().derivePin(number, salt)).isEqualTo(core.pinSecret().derivePin(
                again.cardNumber, again.salt));
        }
    }

    @Test
    void shouldStillDrawANumberWhenTheWriterSetNone() throws Exception {
        try (OneCardCore core = OneCardCore.open(TestConfigs.small(dataDir))) {
            Issued issued = issue(core, CardNumbers.NONE, new byte[PinSecret.SALT_BYTES], "drawn-1");

            assertThat(issued.code).isEqualTo(ResultCode.OK);
            assertThat(CardNumbers.isValid(issued.cardNumber)).isTrue();
            assertThat(issued.salt).isNotEqualTo(new byte[PinSecret.SALT_BYTES]);
        }
    }

    private static Issued issue(OneCardCore core, long number, byte[] salt, String key) throws InterruptedException {
        BlockingQueue<Issued> answers = new ArrayBlockingQueue<>(1);
        boolean published = core.sink().tryPublish(command -> {
            command.type(CommandType.ISSUE_CARD).amountMinor(1_000).currency(Currencies.parse("EUR"))
                .idempotencyKey(key).cardNumber(number);
            System.arraycopy(salt, 0, command.salt(), 0, salt.length);
        }, command -> {
            Result result = command.result();
            answers.add(new Issued(result.code(), result.cardNumber(), Arrays.copyOf(result.salt(),
                PinSecret.SALT_BYTES), result.replayed()));
        });
        assertThat(published).isTrue();
        Issued issued = answers.poll(10, TimeUnit.SECONDS);
        assertThat(issued).isNotNull();
        return issued;
    }

    private record Issued(ResultCode code, long cardNumber, byte[] salt, boolean replayed) {
    }
}
