package io.onecard.sip.call;

import io.onecard.core.card.CardNumbers;
import io.onecard.core.card.SipDigest;
import io.onecard.core.ledger.Command;
import io.onecard.sip.auth.DigestResponse;
import io.onecard.sip.auth.NonceService;
import java.text.ParseException;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives every SIP event of the edge and routes it: new INVITEs are challenged and checked here, everything
 * that belongs to a call goes to that call's serial queue.
 *
 * <p>Runs on the stack's threads and never waits on anything: the only work done here is parsing, the
 * nonce check and answers that need no ledger. Any exception is caught and logged, so that a malformed
 * message can never stop the listener.
 */
final class SipRequestHandler implements SipListener {
    private static final Logger LOG = LoggerFactory.getLogger(SipRequestHandler.class);
    /** Longest Call-ID accepted: it is kept with the call's charge in the card's history. */
    static final int MAX_CALL_ID_LENGTH = Command.MAX_CALL_ID_LENGTH;
    /** Largest INVITE body (SDP) accepted, in bytes. */
    static final int MAX_BODY_BYTES = 8 * 1024;

    private final CallServices services;
    private final SipMessages sip;
    private final NonceService nonces;
    private final BooleanSupplier ready;
    private final Map<String, Call> calls;

    SipRequestHandler(CallServices services, NonceService nonces, BooleanSupplier ready, Map<String, Call> calls) {
        this.services = services;
        this.sip = services.sip();
        this.nonces = nonces;
        this.ready = ready;
        this.calls = calls;
    }

    void purgeNonces() {
        nonces.purgeExpired();
    }

    @Override
    public void processRequest(RequestEvent event) {
        try {
            route(event);
        } catch (RuntimeException e) {
            LOG.warn("cannot handle a {} request: {}", event.getRequest().getMethod(), e.toString());
        }
    }

    private void route(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        Call owner = callOf(event.getDialog());
        if (Request.ACK.equals(method)) {
            if (owner != null) {
                owner.execute(() -> owner.onCallerAck(request));
            }
            return;
        }
        ServerTransaction transaction = serverTransaction(event);
        if (transaction == null) {
            return;
        }
        if (Request.CANCEL.equals(method)) {
            onCancel(transaction, request);
            return;
        }
        Dialog dialog = event.getDialog();
        if (owner != null) {
            owner.execute(() -> owner.onInDialogRequest(dialog, transaction, request));
            return;
        }
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() != null) {
            sip.respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
        } else if (Request.INVITE.equals(method)) {
            onNewInvite(transaction, request);
        } else if (Request.OPTIONS.equals(method)) {
            sip.respond(transaction, Response.OK, sip.newTag());
        } else if (Request.BYE.equals(method)) {
            sip.respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, sip.newTag());
        } else {
            sip.respond(transaction, Response.METHOD_NOT_ALLOWED, sip.newTag());
        }
    }

    private ServerTransaction serverTransaction(RequestEvent event) {
        if (event.getServerTransaction() != null) {
            return event.getServerTransaction();
        }
        try {
            return sip.provider().getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException retransmission) {
            return null;
        } catch (SipException | RuntimeException e) {
            LOG.debug("no transaction for a {} request: {}", event.getRequest().getMethod(), e.toString());
            return null;
        }
    }

    private void onCancel(ServerTransaction transaction, Request cancel) {
        Call call = calls.get(SipCalls.callId(cancel));
        if (call == null || SipCalls.cseq(cancel) != SipCalls.cseq(call.callerRequest())) {
            sip.respond(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        sip.respond(transaction, Response.OK, null);
        call.execute(call::onCallerCancel);
    }

    private void onNewInvite(ServerTransaction transaction, Request invite) {
        String callId = SipCalls.callId(invite);
        if (callId.isEmpty() || callId.length() > MAX_CALL_ID_LENGTH) {
            sip.respond(transaction, Response.BAD_REQUEST, sip.newTag());
            return;
        }
        byte[] body = invite.getRawContent();
        if (body != null && body.length > MAX_BODY_BYTES) {
            sip.respond(transaction, Response.REQUEST_ENTITY_TOO_LARGE, sip.newTag());
            return;
        }
        if (services.gatewayUri() == null || !ready.getAsBoolean()) {
            services.metrics().offered();
            services.metrics().rejected(services.gatewayUri() == null ? "no_gateway" : "not_ready");
            unavailable(transaction);
            return;
        }
        ProxyAuthorizationHeader header = (ProxyAuthorizationHeader) invite.getHeader(ProxyAuthorizationHeader.NAME);
        if (header == null) {
            challenge(transaction, false);
            return;
        }
        services.metrics().offered();
        DigestResponse digest = digest(header);
        if (digest == null) {
            challenge(transaction, false);
            return;
        }
        NonceService.Verdict verdict = nonces.use(digest.nonce(), digest.nonceCount());
        if (verdict != NonceService.Verdict.VALID) {
            challenge(transaction, verdict == NonceService.Verdict.STALE);
            return;
        }
        String dialled = dialled(invite);
        if (!isAcceptableDigestUri(digest.uri(), invite, dialled)) {
            services.metrics().rejected("bad_request");
            sip.respond(transaction, Response.BAD_REQUEST, sip.newTag());
            return;
        }
        if (digest.cardNumber() == CardNumbers.NONE) {
            services.metrics().rejected("declined");
            sip.respond(transaction, Response.FORBIDDEN, sip.newTag());
            return;
        }
        startCall(transaction, digest, dialled);
    }

    private void startCall(ServerTransaction transaction, DigestResponse digest, String dialled) {
        if (calls.size() >= services.config().maxCalls()) {
            services.metrics().rejected("busy");
            unavailable(transaction);
            return;
        }
        Call call = new Call(services, transaction, digest.cardNumber(), dialled);
        if (calls.putIfAbsent(call.callId(), call) != null) {
            sip.respond(transaction, Response.LOOP_DETECTED, sip.newTag());
            return;
        }
        transaction.setApplicationData(call);
        sip.respond(transaction, Response.TRYING, null);
        String input = digest.digestInput(Request.INVITE);
        call.execute(() -> call.begin(input, digest.response()));
    }

    private void challenge(ServerTransaction transaction, boolean stale) {
        try {
            Response response = sip.response(Response.PROXY_AUTHENTICATION_REQUIRED, transaction.getRequest(),
                sip.newTag());
            ProxyAuthenticateHeader header = sip.headers().createProxyAuthenticateHeader("Digest");
            header.setRealm(SipDigest.REALM);
            header.setNonce(nonces.issue());
            header.setAlgorithm("MD5");
            header.setQop(DigestResponse.QOP);
            if (stale) {
                header.setStale(true);
            }
            response.addHeader(header);
            services.metrics().challenged();
            sip.send(transaction, response);
        } catch (ParseException e) {
            LOG.debug("cannot build a challenge", e);
        }
    }

    private void unavailable(ServerTransaction transaction) {
        try {
            Response response = sip.response(Response.SERVICE_UNAVAILABLE, transaction.getRequest(), sip.newTag());
            RetryAfterHeader retryAfter = sip.headers()
                .createRetryAfterHeader((int) services.config().retryAfter().toSeconds());
            response.addHeader(retryAfter);
            sip.send(transaction, response);
        } catch (ParseException | InvalidArgumentException e) {
            LOG.debug("cannot build a 503", e);
        }
    }

    private static DigestResponse digest(ProxyAuthorizationHeader header) {
        return DigestResponse.of(header.getScheme(), header.getParameter("username"), header.getParameter("realm"),
            header.getParameter("nonce"), header.getParameter("uri"), header.getParameter("response"),
            header.getParameter("algorithm"), header.getParameter("qop"), header.getParameter("cnonce"),
            header.getParameter("nc"));
    }

    private static String dialled(Request invite) {
        URI uri = invite.getRequestURI();
        if (uri instanceof SipURI sipUri && sipUri.getUser() != null) {
            String user = sipUri.getUser();
            return user.startsWith("+") ? user.substring(1) : user;
        }
        return "";
    }

    /** The digest uri may be the Request-URI or the edge's own address (with or without the dialled user). */
    private boolean isAcceptableDigestUri(String digestUri, Request invite, String dialled) {
        URI parsed;
        try {
            parsed = sip.addresses().createURI(digestUri);
        } catch (ParseException e) {
            return false;
        }
        if (digestUri.equals(invite.getRequestURI().toString()) || parsed.equals(invite.getRequestURI())) {
            return true;
        }
        if (!(parsed instanceof SipURI own)) {
            return false;
        }
        int port = own.getPort() == -1 ? 5060 : own.getPort();
        return own.getHost().equalsIgnoreCase(sip.host()) && port == sip.port()
            && (own.getUser() == null || own.getUser().equals(dialled));
    }

    @Override
    public void processResponse(ResponseEvent event) {
        try {
            ClientTransaction transaction = event.getClientTransaction();
            Object data = transaction == null ? null : transaction.getApplicationData();
            Response response = event.getResponse();
            if (data instanceof Call call) {
                call.execute(() -> call.onGatewayResponse(response));
            } else if (data instanceof Call.Relay relay) {
                relay.call().execute(() -> relay.call().onRelayResponse(relay, response));
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot handle a response: {}", e.toString());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            Object data = event.getServerTransaction().getApplicationData();
            if (data instanceof Call call) {
                call.execute(call::onLegFailure);
            }
            return;
        }
        Object data = event.getClientTransaction().getApplicationData();
        if (data instanceof Call call) {
            call.execute(call::onGatewayTimeout);
        } else if (data instanceof Call.Relay relay) {
            relay.call().execute(() -> relay.call().onRelayTimeout(relay));
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("SIP transport error towards {}:{} ({})", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // transactions end by themselves; calls are ended by their own events
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        Call call = callOf(event.getDialog());
        if (call != null) {
            call.execute(call::onLegFailure);
        }
    }

    private static Call callOf(Dialog dialog) {
        return dialog != null && dialog.getApplicationData() instanceof Call call ? call : null;
    }
}
