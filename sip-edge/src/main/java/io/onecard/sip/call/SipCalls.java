package io.onecard.sip.call;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/** Small readings of SIP requests that every part of the edge needs. */
final class SipCalls {
    /** Longest Call-ID used as it is in an idempotency key; longer ones are digested. */
    static final int MAX_KEY_CALL_ID_LENGTH = 64;

    private SipCalls() {
    }

    static String callId(Request request) {
        CallIdHeader header = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        return header == null ? "" : header.getCallId();
    }

    static long cseq(Request request) {
        CSeqHeader header = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        return header == null ? 0 : header.getSeqNumber();
    }

    /**
     * The Call-ID as part of an idempotency key: itself when short, else a SHA-256 digest of it, so that every
     * key fits the ledger's limit whatever Call-ID the caller chose.
     */
    static String keyPart(String callId) {
        if (callId.length() <= MAX_KEY_CALL_ID_LENGTH) {
            return callId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(callId.getBytes(StandardCharsets.UTF_8));
            return "#" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The transport the request came over, lower case ({@code udp} when unknown). */
    static String transport(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null || via.getTransport() == null ? "udp" : via.getTransport().toLowerCase(Locale.ROOT);
    }
}
