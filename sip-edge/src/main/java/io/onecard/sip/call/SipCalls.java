package io.onecard.sip.call;

import java.util.Locale;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/** Small readings of SIP requests that every part of the edge needs. */
final class SipCalls {
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

    /** The transport the request came over, lower case ({@code udp} when unknown). */
    static String transport(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null || via.getTransport() == null ? "udp" : via.getTransport().toLowerCase(Locale.ROOT);
    }
}
