package io.onecard.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.onecard.core.CoreConfig;
import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.CardStatus;
import io.onecard.core.card.Currencies;
import io.onecard.core.card.SipDigest;
import io.onecard.core.journal.Audit;
import io.onecard.core.testing.LedgerHarness;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {
    private static final int EUR = Currencies.parse("EUR");
    private static final int USD = Currencies.parse("USD");

    @TempDir
    Path dataDir;

    /** Results are the harness's one reusable slot: read what a test keeps before the next command. */
    private LedgerHarness ledger;

    @BeforeEach
    void open() {
        ledger = new LedgerHarness(dataDir, 7);
    }

    @AfterEach
    void close() {
        assertThat(Audit.conservation(ledger.state())).isEmpty();
        ledger.close();
    }

    private long issue(long amount) {
        Result result = ledger.apply(c -> c.type(CommandType.ISSUE_CARD).amountMinor(amount).currency(EUR));
        assertThat(result.code()).isEqualTo(ResultCode.OK);
        return result.cardNumber();
    }

    private Result debit(long card, long amount, String pin, String key) {
        return ledger.apply(c -> c.type(CommandType.DEBIT).channel(Channel.WEB).cardNumber(card).amountMinor(amount)
            .currency(EUR).pin(pin).credential(Credential.PIN).idempotencyKey(key));
    }

    private Result authorize(long card, long amount, long seconds) {
        return ledger.apply(c -> c.type(CommandType.AUTHORIZE).channel(Channel.WEB).cardNumber(card)
            .amountMinor(amount).currency(EUR).pin(LedgerHarness.PIN).credential(Credential.PIN)
            .holdSeconds(seconds));
    }

    private Result capture(long hold, long amount) {
        return ledger.apply(c -> c.type(CommandType.CAPTURE).holdId(hold).amountMinor(amount)
            .fullAmount(amount < 0));
    }

    private Result query(long card) {
        return ledger.apply(c -> c.type(CommandType.QUERY_CARD).cardNumber(card));
    }

    @Test
    void shouldDebitAndRefuseToOverdraw() {
        long card = issue(1_000);
        assertThat(debit(card, 600, LedgerHarness.PIN, null).balance()).isEqualTo(400);
        Result refused = debit(card, 401, LedgerHarness.PIN, null);
        assertThat(refused.code()).isEqualTo(ResultCode.INSUFFICIENT_FUNDS);
        assertThat(query(card).balance()).isEqualTo(400);
    }

    @Test
    void shouldGiveOneIdenticalAnswerForEveryDeclinedCard() {
        long blocked = issue(1_000);
        ledger.apply(c -> c.type(CommandType.BLOCK_CARD).cardNumber(blocked));
        long closed = issue(0);
        ledger.apply(c -> c.type(CommandType.CLOSE_CARD).cardNumber(closed));
        long expired = issue(1_000);
        long unknown = CardNumbers.parse("4242424242424242");
        long wrongPin = issue(1_000);
        long expiredCard = ledger.apply(c -> c.type(CommandType.ISSUE_CARD).amountMinor(1_000).currency(EUR)
            .expiresOnEpochDay((int) (ledger.nowMillis() / 86_400_000L))).cardNumber();
        ledger.advanceMillis(2 * 86_400_000L);

        for (long card : new long[] {blocked, closed, expiredCard, unknown}) {
            Result result = debit(card, 1, LedgerHarness.PIN, null);
            assertThat(result.code()).isEqualTo(ResultCode.CARD_DECLINED);
            assertThat(result.balance()).isZero();
            assertThat(result.cardNumber()).isZero();
        }
        assertThat(debit(wrongPin, 5_000, "9999", null).code()).isEqualTo(ResultCode.CARD_DECLINED);
        assertThat(debit(wrongPin, 5_000, LedgerHarness.PIN, null).code()).isEqualTo(ResultCode.INSUFFICIENT_FUNDS);
        assertThat(query(expiredCard).cardStatus()).isEqualTo(CardStatus.EXPIRED);
        assertThat(query(expired).cardStatus()).isEqualTo(CardStatus.ACTIVE);
    }

    @Test
    void shouldLockThePinAfterFiveFailuresFromAnyChannelUntilUnblocked() {
        long card = issue(1_000);
        for (int i = 0; i < 3; i++) {
            assertThat(debit(card, 1, "0000", null).code()).isEqualTo(ResultCode.CARD_DECLINED);
        }
        for (int i = 0; i < 2; i++) {
            Result phone = ledger.apply(c -> c.type(CommandType.VERIFY_CREDENTIAL).channel(Channel.PHONE)
                .cardNumber(card).sipDigest(":n:00000001:c:auth:" + SipDigest.md5Hex("INVITE:sip:1@x"),
                    "00000000000000000000000000000000"));
            assertThat(phone.code()).isEqualTo(ResultCode.CARD_DECLINED);
        }
        assertThat(debit(card, 1, LedgerHarness.PIN, null).code()).isEqualTo(ResultCode.CARD_DECLINED);

        ledger.apply(c -> c.type(CommandType.UNBLOCK_CARD).cardNumber(card));
        assertThat(debit(card, 1, LedgerHarness.PIN, null).code()).isEqualTo(ResultCode.OK);
    }

    @Test
    void shouldResetTheFailureCountAfterARightPin() {
        long card = issue(1_000);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                debit(card, 1, "0000", null);
            }
            assertThat(debit(card, 1, LedgerHarness.PIN, null).code()).isEqualTo(ResultCode.OK);
        }
    }

    @Test
    void shouldAcceptAValidSipDigest() {
        long card = issue(1_000);
        String ha1 = SipDigest.md5Hex(card + ":" + SipDigest.REALM + ":" + LedgerHarness.PIN);
        String ha2 = SipDigest.md5Hex("INVITE:sip:4420@127.0.0.1");
        String input = ":abc:00000001:xyz:auth:" + ha2;
        String response = SipDigest.md5Hex(ha1 + input);
        Result result = ledger.apply(c -> c.type(CommandType.VERIFY_CREDENTIAL).channel(Channel.PHONE)
            .cardNumber(card).sipDigest(input, response));
        assertThat(result.code()).isEqualTo(ResultCode.OK);
        assertThat(result.balance()).isEqualTo(1_000);
    }

    @Test
    void shouldCapturePartOfAHoldAndReleaseTheRest() {
        long card = issue(1_000);
        Result hold = authorize(card, 700, 60);
        assertThat(hold.available()).isEqualTo(300);
        long holdId = hold.holdId();
        Result captured = capture(holdId, 250);
        assertThat(captured.capturedMinor()).isEqualTo(250);
        assertThat(captured.releasedMinor()).isEqualTo(450);
        assertThat(captured.balance()).isEqualTo(750);
        assertThat(captured.available()).isEqualTo(750);
        assertThat(capture(holdId, -1).code()).isEqualTo(ResultCode.INVALID_STATE);
    }

    @Test
    void shouldRefuseCaptureAfterVoid() {
        long card = issue(1_000);
        long holdId = authorize(card, 500, 60).holdId();
        Result voided = ledger.apply(c -> c.type(CommandType.VOID).holdId(holdId));
        assertThat(voided.releasedMinor()).isEqualTo(500);
        assertThat(voided.available()).isEqualTo(1_000);
        assertThat(capture(holdId, -1).code()).isEqualTo(ResultCode.INVALID_STATE);
        assertThat(capture(999_999, -1).code()).isEqualTo(ResultCode.NOT_FOUND);
    }

    @Test
    void shouldExpireDueHoldsAndRecordTheExpiry() {
        long card = issue(1_000);
        long holdId = authorize(card, 500, 30).holdId();
        ledger.advanceMillis(29_000);
        assertThat(ledger.apply(c -> c.type(CommandType.EXPIRE_HOLDS)).amountMinor()).isZero();
        ledger.advanceMillis(1_000);
        assertThat(capture(holdId, -1).code()).isEqualTo(ResultCode.INVALID_STATE);
        assertThat(ledger.apply(c -> c.type(CommandType.EXPIRE_HOLDS)).amountMinor()).isEqualTo(1);
        assertThat(query(card).available()).isEqualTo(1_000);

        Result history = ledger.apply(c -> c.type(CommandType.QUERY_HISTORY).cardNumber(card));
        assertThat(history.item(0).type()).isEqualTo(TransactionType.EXPIRE);
        assertThat(history.item(0).id()).isEqualTo(holdId);
        assertThat(history.item(0).amountMinor()).isEqualTo(500);
        assertThat(history.item(0).channel()).isEqualTo(Channel.WEB);
    }

    @Test
    void shouldExtendAHoldOnlyWhileTheCardCanPay() {
        long card = issue(100);
        long holdId = authorize(card, 40, 60).holdId();
        Result extended = ledger.apply(c -> c.type(CommandType.EXTEND_HOLD).holdId(holdId).amountMinor(40)
            .holdSeconds(120));
        assertThat(extended.code()).isEqualTo(ResultCode.OK);
        assertThat(extended.amountMinor()).isEqualTo(80);
        assertThat(extended.available()).isEqualTo(20);
        Result refused = ledger.apply(c -> c.type(CommandType.EXTEND_HOLD).holdId(holdId).amountMinor(40)
            .holdSeconds(120));
        assertThat(refused.code()).isEqualTo(ResultCode.INSUFFICIENT_FUNDS);
        ledger.advanceMillis(100_000);
        assertThat(ledger.apply(c -> c.type(CommandType.EXPIRE_HOLDS)).amountMinor()).isZero();
        Result call = ledger.apply(c -> c.type(CommandType.CAPTURE).holdId(holdId).amountMinor(65)
            .callId("call-1").dialled("4420").billedSeconds(65).channel(Channel.PHONE));
        assertThat(call.balance()).isEqualTo(35);
        Result history = ledger.apply(c -> c.type(CommandType.QUERY_HISTORY).cardNumber(card));
        assertThat(history.item(1).type()).isEqualTo(TransactionType.CALL);
        assertThat(history.item(1).callId()).isEqualTo("call-1");
        assertThat(history.item(1).billedSeconds()).isEqualTo(65);
        assertThat(history.item(0).type()).isEqualTo(TransactionType.RELEASE);
    }

    @Test
    void shouldRefundInPartsButNeverMoreThanCharged() {
        long card = issue(1_000);
        long charge = debit(card, 300, LedgerHarness.PIN, null).transactionId();
        Result first = ledger.apply(c -> c.type(CommandType.REFUND).transactionId(charge).amountMinor(100));
        assertThat(first.balance()).isEqualTo(800);
        long firstRefund = first.refundId();
        Result second = ledger.apply(c -> c.type(CommandType.REFUND).transactionId(charge).amountMinor(200));
        assertThat(second.balance()).isEqualTo(1_000);
        assertThat(second.refundId()).isNotEqualTo(firstRefund);
        Result third = ledger.apply(c -> c.type(CommandType.REFUND).transactionId(charge).amountMinor(1));
        assertThat(third.code()).isEqualTo(ResultCode.INVALID_STATE);
        Result unknown = ledger.apply(c -> c.type(CommandType.REFUND).transactionId(123_456).amountMinor(1));
        assertThat(unknown.code()).isEqualTo(ResultCode.NOT_FOUND);
    }

    @Test
    void shouldReplayTheFirstResultAndRefuseAnotherCommandUnderTheSameKey() {
        long card = issue(1_000);
        Result first = debit(card, 300, LedgerHarness.PIN, "key-1");
        long firstId = first.transactionId();
        Result again = debit(card, 300, LedgerHarness.PIN, "key-1");
        assertThat(again.replayed()).isTrue();
        assertThat(again.transactionId()).isEqualTo(firstId);
        assertThat(again.balance()).isEqualTo(700);
        assertThat(debit(card, 301, LedgerHarness.PIN, "key-1").code()).isEqualTo(ResultCode.IDEMPOTENCY_CONFLICT);
        Result failed = debit(card, 5_000, LedgerHarness.PIN, "key-2");
        assertThat(failed.code()).isEqualTo(ResultCode.INSUFFICIENT_FUNDS);
        ledger.apply(c -> c.type(CommandType.RECHARGE).cardNumber(card).amountMinor(10_000).currency(EUR));
        Result failedAgain = debit(card, 5_000, LedgerHarness.PIN, "key-2");
        assertThat(failedAgain.code()).isEqualTo(ResultCode.INSUFFICIENT_FUNDS);
        assertThat(failedAgain.replayed()).isTrue();
        assertThat(query(card).balance()).isEqualTo(10_700);
    }

    @Test
    void shouldRefuseAnotherCurrencyAndBadAmounts() {
        long card = issue(1_000);
        Result usd = ledger.apply(c -> c.type(CommandType.DEBIT).cardNumber(card).amountMinor(10).currency(USD)
            .pin(LedgerHarness.PIN).credential(Credential.PIN));
        assertThat(usd.code()).isEqualTo(ResultCode.CURRENCY_MISMATCH);
        assertThat(debit(card, 0, LedgerHarness.PIN, null).code()).isEqualTo(ResultCode.INVALID_REQUEST);
        assertThat(debit(card, -5, LedgerHarness.PIN, null).code()).isEqualTo(ResultCode.INVALID_REQUEST);
        assertThat(debit(card, Long.MAX_VALUE, LedgerHarness.PIN, null).code())
            .isEqualTo(ResultCode.INVALID_REQUEST);
        assertThat(query(card).balance()).isEqualTo(1_000);
    }

    @Test
    void shouldKeepTheOwnersAddressAndRefuseABadOne() {
        Result issued = ledger.apply(c -> c.type(CommandType.ISSUE_CARD).amountMinor(100).currency(EUR)
            .ownerEmail("ann@example.org").idempotencyKey("owned"));
        assertThat(issued.code()).isEqualTo(ResultCode.OK);
        long card = issued.cardNumber();
        assertThat(ledger.state().owners().get(card)).isEqualTo("ann@example.org");
        assertThat(issue(100)).satisfies(other -> assertThat(ledger.state().owners().get(other)).isNull());

        Result otherOwner = ledger.apply(c -> c.type(CommandType.ISSUE_CARD).amountMinor(100).currency(EUR)
            .ownerEmail("bob@example.org").idempotencyKey("owned"));
        assertThat(otherOwner.code()).isEqualTo(ResultCode.IDEMPOTENCY_CONFLICT);
        long cards = ledger.state().counter(Counter.CARDS);
        for (String bad : new String[] {"no-at-sign", "a@b", "two@@example.org", "x@example.org, y@example.org",
            "line@example.org\nBcc: z@example.org", "@example.org", "a@example..org"}) {
            Result refused = ledger.apply(c -> c.type(CommandType.ISSUE_CARD).amountMinor(100).currency(EUR)
                .ownerEmail(bad));
            assertThat(refused.code()).as(bad).isEqualTo(ResultCode.INVALID_REQUEST);
        }
        assertThat(ledger.state().counter(Counter.CARDS)).isEqualTo(cards);
        assertThat(ledger.state().owners().size()).isEqualTo(1);
    }

    @Test
    void shouldRefuseADuplicateCardNumber() {
        long card = issue(1_000);
        Result duplicate = ledger.apply(c -> c.type(CommandType.ISSUE_CARD).cardNumber(card).amountMinor(5)
            .currency(EUR));
        assertThat(duplicate.code()).isEqualTo(ResultCode.DUPLICATE_CARD);
        assertThat(query(card).balance()).isEqualTo(1_000);
    }

    @Test
    void shouldKeepTheTransactionAndHistoryStoresWithinTheirRetention(@TempDir Path small) {
        try (LedgerHarness bounded = new LedgerHarness(CoreConfig.defaults(small)
            .withCapacity(64, 64, 32, 48, 64), 3)) {
            long card = bounded.apply(c -> c.type(CommandType.ISSUE_CARD).amountMinor(1_000_000).currency(EUR))
                .cardNumber();
            long openHold = bounded.apply(c -> c.type(CommandType.AUTHORIZE).cardNumber(card).amountMinor(1)
                .currency(EUR).holdSeconds(3_600)).holdId();
            for (int i = 0; i < 300; i++) {
                long hold = bounded.apply(c -> c.type(CommandType.AUTHORIZE).cardNumber(card).amountMinor(5)
                    .currency(EUR).holdSeconds(60)).holdId();
                bounded.apply(c -> c.type(CommandType.CAPTURE).holdId(hold).fullAmount(true));
                bounded.apply(c -> c.type(CommandType.RECHARGE).cardNumber(card).amountMinor(5).currency(EUR));
            }
            assertThat(bounded.state().transactions().size()).isLessThanOrEqualTo(32 + 1);
            assertThat(bounded.state().history().size()).isLessThanOrEqualTo(48);
            assertThat(bounded.state().transactions().contains(openHold)).isTrue();
            Result captured = bounded.apply(c -> c.type(CommandType.CAPTURE).holdId(openHold).fullAmount(true));
            assertThat(captured.code()).isEqualTo(ResultCode.OK);
            assertThat(bounded.state().transactions().contains(openHold)).isFalse();
            assertThat(Audit.conservation(bounded.state())).isEmpty();
        }
    }

    @Test
    void shouldForgetIdempotencyKeysPastTheWindowOrTheCount(@TempDir Path small) {
        CoreConfig config = CoreConfig.defaults(small).withCapacity(64, 64, 1_000, 1_000, 16)
            .withIdempotencyWindow(Duration.ofSeconds(60));
        try (LedgerHarness keyed = new LedgerHarness(config, 5)) {
            long card = keyed.apply(c -> c.type(CommandType.ISSUE_CARD).amountMinor(1_000_000).currency(EUR))
                .cardNumber();
            for (int i = 0; i < 10; i++) {
                String key = "w" + i;
                keyed.apply(c -> c.type(CommandType.RECHARGE).cardNumber(card).amountMinor(1).currency(EUR)
                    .idempotencyKey(key));
            }
            assertThat(keyed.apply(c -> c.type(CommandType.RECHARGE).cardNumber(card).amountMinor(1).currency(EUR)
                .idempotencyKey("w0")).replayed()).isTrue();
            keyed.advanceMillis(61_000);
            for (int i = 0; i < 2; i++) {
                String key = "later" + i;
                keyed.apply(c -> c.type(CommandType.RECHARGE).cardNumber(card).amountMinor(1).currency(EUR)
                    .idempotencyKey(key));
            }
            assertThat(keyed.state().idempotency().contains("w0")).isFalse();
            for (int i = 0; i < 40; i++) {
                String key = "c" + i;
                keyed.apply(c -> c.type(CommandType.RECHARGE).cardNumber(card).amountMinor(1).currency(EUR)
                    .idempotencyKey(key));
            }
            assertThat(keyed.state().idempotency().size()).isLessThanOrEqualTo(16);
            assertThat(keyed.state().keyOrder().size()).isEqualTo(keyed.state().idempotency().size());
            Result reused = keyed.apply(c -> c.type(CommandType.RECHARGE).cardNumber(card).amountMinor(1)
                .currency(EUR).idempotencyKey("c0"));
            assertThat(reused.replayed()).isFalse();
            assertThat(reused.code()).isEqualTo(ResultCode.OK);
        }
    }

    @Test
    void shouldPageHistoryNewestFirst() {
        long card = issue(1_000);
        for (int i = 1; i <= 25; i++) {
            long amount = i;
            ledger.apply(c -> c.type(CommandType.RECHARGE).cardNumber(card).amountMinor(amount).currency(EUR)
                .reference("r" + amount));
        }
        Result page = ledger.apply(c -> c.type(CommandType.QUERY_HISTORY).cardNumber(card).limit(10));
        assertThat(page.itemCount()).isEqualTo(10);
        assertThat(page.item(0).reference()).isEqualTo("r25");
        long cursor = page.nextCursor();
        Result last = ledger.apply(c -> c.type(CommandType.QUERY_HISTORY).cardNumber(card).limit(20)
            .cursor(cursor));
        assertThat(last.itemCount()).isEqualTo(16);
        assertThat(last.item(15).type()).isEqualTo(TransactionType.ISSUE);
        assertThat(last.nextCursor()).isZero();
    }
}
