package io.onecard.sip.call;

import io.onecard.core.card.SipDigest;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A bare UDP SIP client for the tests that need bytes sipp will not send: garbage, replays, broken headers. */
final class RawSipClient implements AutoCloseable {
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

    private final DatagramSocket socket;
    private final int edgePort;

    RawSipClient(int edgePort) throws IOException {
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.socket.setSoTimeout(3_000);
        this.edgePort = edgePort;
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), edgePort));
    }

    /** The next final response (status >= 200) for {@code callId}, or null when none came within 3 s. */
    String finalResponse(String callId) throws IOException {
        byte[] buffer = new byte[65_536];
        long deadline = System.currentTimeMillis() + 3_000;
        while (System.currentTimeMillis() < deadline) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return null;
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
            if (text.startsWith("SIP/2.0 ") && !text.startsWith("SIP/2.0 1") && text.contains(callId)) {
                return text;
            }
        }
        return null;
    }

    /** An INVITE to {@code dialled}, with {@code extraHeaders} (each ending in CRLF). */
    String invite(String dialled, String callId, int cseq, String extraHeaders) {
        int local = socket.getLocalPort();
        return "INVITE " + requestUri(dialled) + " SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:" + local + ";branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:caller@127.0.0.1>;tag=" + callId.hashCode() + "\r\n"
            + "To: <sip:" + dialled + "@127.0.0.1:" + edgePort + ">\r\n"
            + "Call-ID: " + callId + "\r\n"
            + "CSeq: " + cseq + " INVITE\r\n"
            + "Contact: <sip:caller@127.0.0.1:" + local + ">\r\n"
            + extraHeaders
            + "Content-Length: 0\r\n\r\n";
    }

    String requestUri(String dialled) {
        return "sip:" + dialled + "@127.0.0.1:" + edgePort;
    }

    static String nonceOf(String challenge) {
        Matcher matcher = NONCE.matcher(challenge);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** A Proxy-Authorization header answering {@code nonce} with the card and PIN, as RFC 2617 computes it. */
    static String authorization(long card, String pin, String nonce, String uri, String nc) {
        String cnonce = "c0ffee";
        String ha1 = SipDigest.md5Hex(card + ":" + SipDigest.REALM + ":" + pin);
        String ha2 = SipDigest.md5Hex("INVITE:" + uri);
        String response = SipDigest.md5Hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        return "Proxy-Authorization: Digest username=\"" + card + "\", realm=\"onecard\", nonce=\"" + nonce
            + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=MD5, qop=auth, nc=" + nc
            + ", cnonce=\"" + cnonce + "\"\r\n";
    }

    @Override
    public void close() {
        socket.close();
    }
}
