package io.onecard.sip.call;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.ledger.Channel;
import io.onecard.core.ledger.CommandType;
import io.onecard.core.ledger.ResultCode;
import io.onecard.core.ring.CommandWriter;
import io.onecard.sip.rating.Rate;
import java.text.ParseException;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One prepaid call: the caller's leg, the gateway's leg, the credit it holds, and its settlement.
 *
 * <p>The call walks through checking the credential, holding credit for the connect fee and the first
 * increment, bridging to the gateway, talking, and settling. While it talks it buys the next increment a
 * little before the paid time runs out; when the card cannot pay, the call is ended at the exact end of the
 * paid time, whatever the caller does. Every idempotency key is derived from the card, the caller's Call-ID and
 * CSeq, and the step, so a retried command can never be applied twice. Nothing here ever blocks: every event
 * (SIP message, ledger result, timer) runs on the call's own {@link SerialExecutor}, so the fields need no
 * locks.
 */
final class Call {
    private static final Logger LOG = LoggerFactory.getLogger(Call.class);
    private static final long RETRY_MILLIS = 100;
    private static final String IGNORED = "ignored";

    /** Where the call stands. */
    enum State { CHECKING, AUTHORIZING, BRIDGING, ANSWERED, ENDED }

    /** A request relayed from one leg to the other, waiting for the far side's answer. */
    record Relay(Call call, ServerTransaction origin, Dialog target) {
    }

    private final CallServices services;
    private final SerialExecutor executor;
    private final String callId;
    private final String keyPrefix;
    private final long cardNumber;
    private final String dialled;
    private final ServerTransaction callerInvite;
    private final Request callerRequest;
    private final String callerTag;
    private final long startMillis;

    private State state = State.CHECKING;
    private boolean ledgerBusy;
    private Dialog callerDialog;
    private Rate rate;
    private int currency;
    private long holdId;
    private long heldMinor;
    private ClientTransaction gatewayInvite;
    private Dialog gatewayDialog;
    private Response gatewayAnswer;
    private boolean gatewayAcked;
    private boolean gatewayRinging;
    private boolean cancelPending;
    private long answeredMillis;
    private long endMillis;
    private long paidSeconds;
    private long steps;
    private boolean extensionInFlight;
    private boolean creditExhausted;
    private ScheduledFuture<?> ringTimer;
    private ScheduledFuture<?> paidEndTimer;
    private ScheduledFuture<?> extendTimer;
    private ScheduledFuture<?> maxDurationTimer;
    private int sipStatus;
    private EndReason endReason;
    private boolean settled;
    private Settlement settlement;

    Call(CallServices services, ServerTransaction callerInvite, long cardNumber, String dialled) {
        this.services = services;
        this.executor = new SerialExecutor(services.workers());
        this.callerInvite = callerInvite;
        this.callerRequest = callerInvite.getRequest();
        this.callId = SipCalls.callId(callerRequest);
        this.cardNumber = cardNumber;
        this.dialled = dialled;
        this.callerTag = services.sip().newTag();
        this.startMillis = services.now();
        this.keyPrefix = "sip:" + CardNumbers.format(cardNumber) + ":" + SipCalls.cseq(callerRequest) + ":"
            + SipCalls.keyPart(callId);
    }

    String callId() {
        return callId;
    }

    Request callerRequest() {
        return callerRequest;
    }

    /** Runs an event of this call on its serial executor. */
    void execute(Runnable event) {
        executor.execute(event);
    }

    /** First step: ask the ledger whether the digest answers the card's PIN. */
    void begin(String digestInput, String digestResponse) {
        ledgerBusy = true;
        boolean published = publish(command -> command.type(CommandType.VERIFY_CREDENTIAL).channel(Channel.PHONE)
            .cardNumber(cardNumber).sipDigest(digestInput, digestResponse), this::onVerified);
        if (!published) {
            reject(Response.SERVICE_UNAVAILABLE, "overloaded");
        }
    }

    private void onVerified(LedgerReply reply) {
        ledgerBusy = false;
        if (state == State.ENDED) {
            settle();
            return;
        }
        if (reply.code() == ResultCode.OVERLOADED) {
            reject(Response.SERVICE_UNAVAILABLE, "overloaded");
            return;
        }
        if (!reply.isOk()) {
            reject(Response.FORBIDDEN, "declined");
            return;
        }
        currency = reply.currency();
        Optional<Rate> found = services.config().rates().lookup(dialled, currency);
        if (found.isEmpty()) {
            reject(Response.NOT_FOUND, "no_rate");
            return;
        }
        rate = found.get();
        long amount = Math.max(1, rate.charge(rate.firstIncrementSeconds()));
        long holdSeconds = services.config().ringTimeout().toSeconds() + rate.firstIncrementSeconds()
            + services.config().holdMargin().toSeconds();
        state = State.AUTHORIZING;
        ledgerBusy = true;
        boolean published = publish(command -> command.type(CommandType.AUTHORIZE).channel(Channel.PHONE)
            .idempotencyKey(key("hold")).cardNumber(cardNumber).amountMinor(amount).currency(currency)
            .holdSeconds(holdSeconds).reference("call " + dialled), this::onAuthorized);
        if (!published) {
            reject(Response.SERVICE_UNAVAILABLE, "overloaded");
        }
    }

    private void onAuthorized(LedgerReply reply) {
        ledgerBusy = false;
        if (reply.isOk()) {
            holdId = reply.holdId();
            heldMinor = reply.amountMinor();
        }
        if (state == State.ENDED) {
            settle();
            return;
        }
        switch (reply.code()) {
            case OK -> bridge();
            case INSUFFICIENT_FUNDS -> reject(Response.PAYMENT_REQUIRED, "insufficient_funds");
            case CARD_DECLINED -> reject(Response.FORBIDDEN, "declined");
            case OVERLOADED, CAPACITY_EXCEEDED -> reject(Response.SERVICE_UNAVAILABLE, "overloaded");
            case CURRENCY_MISMATCH -> reject(Response.NOT_FOUND, "no_rate");
            default -> reject(Response.SERVER_INTERNAL_ERROR, "error");
        }
    }

    private void bridge() {
        try {
            SipURI target = (SipURI) services.gatewayUri().clone();
            target.setUser(dialled);
            Request invite = services.sip().invite(target, services.gatewayTransport(), callerRequest.getRawContent(),
                (ContentTypeHeader) callerRequest.getHeader(ContentTypeHeader.NAME));
            gatewayInvite = services.sip().provider().getNewClientTransaction(invite);
            gatewayInvite.setApplicationData(this);
            gatewayDialog = services.sip().provider().getNewDialog(gatewayInvite);
            gatewayDialog.setApplicationData(this);
            callerDialog = services.sip().provider().getNewDialog(callerInvite);
            callerDialog.setApplicationData(this);
            state = State.BRIDGING;
            ringTimer = after(services.config().ringTimeout().toMillis(), this::onRingTimeout);
            gatewayInvite.sendRequest();
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            LOG.warn("cannot bridge call {} to the gateway: {}", callId, e.toString());
            reject(Response.SERVICE_UNAVAILABLE, "gateway_failed");
        }
    }

    /** A response of the gateway to our INVITE. */
    void onGatewayResponse(Response response) {
        int status = response.getStatusCode();
        if (status == Response.TRYING) {
            return;
        }
        if (state == State.ENDED) {
            onLateGatewayResponse(response);
            return;
        }
        if (status < Response.OK) {
            gatewayRinging = true;
            relayProvisional(response);
        } else if (status < Response.MULTIPLE_CHOICES) {
            onAnswer(response);
        } else if (state == State.BRIDGING) {
            int relayed = status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED
                ? Response.SERVICE_UNAVAILABLE : status;
            endBeforeAnswer(relayed, "gateway_failed", EndReason.GATEWAY_FAILED);
        }
    }

    private void onLateGatewayResponse(Response response) {
        int status = response.getStatusCode();
        if (status < Response.OK && cancelPending) {
            cancelPending = false;
            cancelGateway();
        } else if (status >= Response.OK && status < Response.MULTIPLE_CHOICES && gatewayAnswer == null) {
            gatewayAnswer = response;
            byeGateway();
        }
    }

    private void relayProvisional(Response response) {
        try {
            Response relayed = services.sip().response(response.getStatusCode(), callerRequest, callerTag);
            SipMessages.copyBody(response, relayed);
            relayed.addHeader(services.sip().contact(SipCalls.transport(callerRequest)));
            services.sip().send(callerInvite, relayed);
        } catch (ParseException e) {
            LOG.debug("cannot relay a provisional answer of call {}", callId, e);
        }
    }

    private void onAnswer(Response response) {
        if (state != State.BRIDGING) {
            return;
        }
        cancel(ringTimer);
        gatewayAnswer = response;
        state = State.ANSWERED;
        answeredMillis = services.now();
        paidSeconds = rate.firstIncrementSeconds();
        services.metrics().answered();
        try {
            Response ok = services.sip().response(response.getStatusCode(), callerRequest, callerTag);
            SipMessages.copyBody(response, ok);
            ok.addHeader(services.sip().contact(SipCalls.transport(callerRequest)));
            sipStatus = response.getStatusCode();
            services.sip().send(callerInvite, ok);
        } catch (ParseException e) {
            LOG.debug("cannot relay the answer of call {}", callId, e);
        }
        maxDurationTimer = after(services.config().maxCallDuration().toMillis(),
            () -> hangUp(EndReason.MAX_DURATION));
        schedulePaidEnd();
        scheduleExtension();
    }

    /** The caller's ACK: the answer's ACK goes on to the gateway; others end here. */
    void onCallerAck(Request ack) {
        if (gatewayAnswer != null && !gatewayAcked && state == State.ANSWERED) {
            ackGateway(ack);
        }
    }

    private void ackGateway(Request callerAck) {
        try {
            long cseq = ((CSeqHeader) gatewayAnswer.getHeader(CSeqHeader.NAME)).getSeqNumber();
            Request ack = gatewayDialog.createAck(cseq);
            if (callerAck != null) {
                SipMessages.copyBody(callerAck, ack);
            }
            gatewayDialog.sendAck(ack);
            gatewayAcked = true;
        } catch (SipException | InvalidArgumentException | ParseException | RuntimeException e) {
            LOG.debug("cannot acknowledge the gateway's answer of call {}: {}", callId, e.toString());
        }
    }

    /** A request inside one of the call's dialogs. */
    void onInDialogRequest(Dialog dialog, ServerTransaction transaction, Request request) {
        boolean fromCaller = dialog == callerDialog;
        if (Request.BYE.equals(request.getMethod())) {
            services.sip().respond(transaction, Response.OK, null);
            if (state == State.ANSWERED) {
                hangUp(fromCaller ? EndReason.CALLER : EndReason.CALLEE);
            } else if (fromCaller) {
                onCallerCancel();
            }
            return;
        }
        Dialog target = fromCaller ? gatewayDialog : callerDialog;
        if (state != State.ANSWERED || target == null) {
            services.sip().respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        if (fromCaller && !gatewayAcked) {
            // the caller's ACK may still be queued behind this request on another stack thread
            ackGateway(null);
        }
        try {
            Request relayed = target.createRequest(request.getMethod());
            SipMessages.copyBody(request, relayed);
            if (!services.sip().sendInDialog(target, relayed, new Relay(this, transaction, target))) {
                services.sip().respond(transaction, Response.SERVER_INTERNAL_ERROR, null);
            }
        } catch (SipException | ParseException e) {
            services.sip().respond(transaction, Response.SERVER_INTERNAL_ERROR, null);
        }
    }

    /** The far side's answer to a relayed in-dialog request. */
    void onRelayResponse(Relay relay, Response response) {
        int status = response.getStatusCode();
        if (status == Response.TRYING) {
            return;
        }
        try {
            boolean inviteAnswer = Request.INVITE.equals(relay.origin().getRequest().getMethod())
                && status >= Response.OK && status < Response.MULTIPLE_CHOICES;
            if (inviteAnswer) {
                long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
                relay.target().sendAck(relay.target().createAck(cseq));
            }
            Response back = services.sip().response(status, relay.origin().getRequest(), null);
            SipMessages.copyBody(response, back);
            if (inviteAnswer) {
                back.addHeader(services.sip().contact(SipCalls.transport(relay.origin().getRequest())));
            }
            services.sip().send(relay.origin(), back);
        } catch (SipException | InvalidArgumentException | ParseException | RuntimeException e) {
            LOG.debug("cannot relay an in-dialog answer of call {}: {}", callId, e.toString());
        }
    }

    /** The far side did not answer a relayed request. */
    void onRelayTimeout(Relay relay) {
        services.sip().respond(relay.origin(), Response.REQUEST_TIMEOUT, null);
    }

    /** The caller cancelled (or hung up) before the answer. */
    void onCallerCancel() {
        if (state == State.ANSWERED || state == State.ENDED) {
            return;
        }
        endBeforeAnswer(Response.REQUEST_TERMINATED, "cancelled", EndReason.CANCELLED);
    }

    /** The gateway's INVITE transaction timed out without a final answer. */
    void onGatewayTimeout() {
        if (state == State.BRIDGING) {
            endBeforeAnswer(Response.REQUEST_TIMEOUT, "no_answer", EndReason.NO_ANSWER);
        }
    }

    private void onRingTimeout() {
        if (state == State.BRIDGING) {
            endBeforeAnswer(Response.REQUEST_TIMEOUT, "no_answer", EndReason.NO_ANSWER);
        }
    }

    /** A leg of the answered call failed (no ACK, a transport error, the dialog ended underneath). */
    void onLegFailure() {
        if (state == State.ANSWERED) {
            hangUp(EndReason.ERROR);
        }
    }

    /** The edge is shutting down: end the call as if cut, so that it is settled. */
    void onShutdown() {
        if (state == State.ANSWERED) {
            hangUp(EndReason.ERROR);
        } else if (state != State.ENDED) {
            endBeforeAnswer(Response.SERVICE_UNAVAILABLE, "shutdown", EndReason.ERROR);
        }
    }

    private void endBeforeAnswer(int status, String reason, EndReason end) {
        boolean bridging = state == State.BRIDGING;
        answerCaller(status);
        services.metrics().rejected(reason);
        endReason = end;
        endNow();
        if (bridging) {
            if (gatewayRinging) {
                cancelGateway();
            } else {
                cancelPending = true;
            }
        }
        settle();
    }

    private void reject(int status, String reason) {
        ledgerBusy = false;
        answerCaller(status);
        services.metrics().rejected(reason);
        endReason = EndReason.REJECTED;
        endNow();
        settle();
    }

    private void answerCaller(int status) {
        sipStatus = status;
        try {
            Response response = services.sip().response(status, callerRequest, callerTag);
            if (status == Response.SERVICE_UNAVAILABLE) {
                RetryAfterHeader retryAfter = services.sip().headers()
                    .createRetryAfterHeader((int) services.config().retryAfter().toSeconds());
                response.addHeader(retryAfter);
            }
            services.sip().send(callerInvite, response);
        } catch (ParseException | InvalidArgumentException e) {
            LOG.debug("cannot answer call {} with {}", callId, status, e);
        }
    }

    private void cancelGateway() {
        try {
            Request cancel = gatewayInvite.createCancel();
            ClientTransaction transaction = services.sip().provider().getNewClientTransaction(cancel);
            transaction.setApplicationData(IGNORED);
            transaction.sendRequest();
        } catch (SipException | RuntimeException e) {
            LOG.debug("cannot cancel the gateway leg of call {}: {}", callId, e.toString());
        }
    }

    private void hangUp(EndReason reason) {
        if (state != State.ANSWERED) {
            return;
        }
        endReason = reason;
        endNow();
        if (reason != EndReason.CALLEE) {
            byeGateway();
        }
        if (reason != EndReason.CALLER) {
            byeCaller();
        }
        services.metrics().ended(reason);
        if (reason == EndReason.CREDIT || reason == EndReason.MAX_DURATION) {
            LOG.info("call {} on card {} to {} cut off ({}) after {} ms", callId, CardNumbers.mask(cardNumber),
                dialled, reason.apiName(), endMillis - answeredMillis);
        }
        settle();
    }

    private void byeGateway() {
        if (!gatewayAcked) {
            ackGateway(null);
        }
        bye(gatewayDialog);
    }

    private void byeCaller() {
        bye(callerDialog);
    }

    private void bye(Dialog dialog) {
        try {
            services.sip().sendInDialog(dialog, dialog.createRequest(Request.BYE), IGNORED);
        } catch (SipException | RuntimeException e) {
            LOG.debug("cannot send BYE on call {}: {}", callId, e.toString());
        }
    }

    private void endNow() {
        state = State.ENDED;
        endMillis = services.now();
        cancel(ringTimer);
        cancel(paidEndTimer);
        cancel(extendTimer);
        cancel(maxDurationTimer);
    }

    private void schedulePaidEnd() {
        cancel(paidEndTimer);
        long paidEnd = answeredMillis + paidSeconds * 1000;
        if (paidSeconds * 1000 >= services.config().maxCallDuration().toMillis()) {
            return;
        }
        paidEndTimer = at(paidEnd, () -> {
            if (state == State.ANSWERED && services.now() >= answeredMillis + paidSeconds * 1000) {
                hangUp(EndReason.CREDIT);
            }
        });
    }

    private void scheduleExtension() {
        if (creditExhausted || state != State.ANSWERED) {
            return;
        }
        long leadMillis = services.config().extendLead().toMillis();
        extendTimer = at(answeredMillis + paidSeconds * 1000 - leadMillis, this::extend);
    }

    private void extend() {
        if (state != State.ANSWERED || extensionInFlight || creditExhausted) {
            return;
        }
        long step = steps + 1;
        long nextPaid = rate.paidSecondsAfter(step);
        long maxMillis = services.config().maxCallDuration().toMillis();
        if ((nextPaid - rate.incrementSeconds()) * 1000 >= maxMillis) {
            return;
        }
        long amount = rate.charge(nextPaid) - rate.charge(paidSeconds);
        long untilPaidEndMillis = answeredMillis + nextPaid * 1000 - services.now();
        long holdSeconds = Math.max(1, (untilPaidEndMillis + 999) / 1000) + services.config().holdMargin().toSeconds();
        extensionInFlight = true;
        boolean published = publish(command -> command.type(CommandType.EXTEND_HOLD).channel(Channel.PHONE)
            .idempotencyKey(key("step" + step)).holdId(holdId).amountMinor(amount).holdSeconds(holdSeconds),
            reply -> onExtended(reply, step, nextPaid));
        if (!published) {
            extensionInFlight = false;
            extendTimer = after(RETRY_MILLIS, this::extend);
        }
    }

    private void onExtended(LedgerReply reply, long step, long nextPaid) {
        extensionInFlight = false;
        if (reply.isOk()) {
            heldMinor = reply.amountMinor();
            steps = step;
            paidSeconds = nextPaid;
            if (state == State.ANSWERED) {
                schedulePaidEnd();
                scheduleExtension();
            }
            return;
        }
        if (reply.code() == ResultCode.OVERLOADED && state == State.ANSWERED) {
            extendTimer = after(RETRY_MILLIS, this::extend);
            return;
        }
        creditExhausted = true;
        LOG.debug("call {} cannot buy step {}: {}", callId, step, reply.code());
    }

    private void settle() {
        if (settled || ledgerBusy) {
            return;
        }
        settled = true;
        long billed = answeredMillis == 0 ? 0 : Math.min(rate.billedSeconds(endMillis - answeredMillis), paidSeconds);
        long amount = answeredMillis == 0 ? 0 : rate.charge(billed);
        if (holdId == 0) {
            finish(record(billed, 0, "none", 0));
            return;
        }
        publishSettlement(billed, amount);
    }

    private void publishSettlement(long billed, long amount) {
        boolean full = amount == heldMinor && !extensionInFlight;
        settlement = new Settlement(key(amount == 0 ? "void" : "capture"), amount != 0, holdId, amount, full,
            record(billed, 0, "pending", 0));
        services.pending().opened(settlement);
        if (!publish(settlement.command(), this::onSettled)) {
            after(RETRY_MILLIS, () -> publishSettlement(billed, amount));
        }
    }

    private void onSettled(LedgerReply reply) {
        if (reply.code() == ResultCode.OVERLOADED) {
            after(RETRY_MILLIS, () -> publishSettlement(settlement.record().billedSeconds(), settlement.amountMinor()));
            return;
        }
        if (!reply.isOk()) {
            LOG.warn("call {} on card {} could not be settled: {}", callId, CardNumbers.mask(cardNumber),
                reply.code());
        }
        finish(settlement.settled(reply));
        services.pending().done(settlement.key());
    }

    private CallRecord record(long billed, long charged, String outcome, long transactionId) {
        return new CallRecord(callId, cardNumber, dialled, currency, startMillis, answeredMillis, endMillis, billed,
            charged, endReason == null ? EndReason.ERROR : endReason, sipStatus, outcome, transactionId);
    }

    private void finish(CallRecord record) {
        services.records().write(record);
        services.finished().accept(this);
    }

    private String key(String step) {
        return keyPrefix + ":" + step;
    }

    private boolean publish(CommandWriter writer, Consumer<LedgerReply> handler) {
        return services.sink().tryPublish(writer, command -> {
            LedgerReply reply = LedgerReply.of(command);
            executor.execute(() -> handler.accept(reply));
        });
    }

    private ScheduledFuture<?> after(long delayMillis, Runnable task) {
        return services.timer().schedule(() -> executor.execute(task), Math.max(0, delayMillis),
            TimeUnit.MILLISECONDS);
    }

    private ScheduledFuture<?> at(long timeMillis, Runnable task) {
        return after(timeMillis - services.now(), task);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
