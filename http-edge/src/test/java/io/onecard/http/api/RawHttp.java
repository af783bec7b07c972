package io.onecard.http.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A plain socket that speaks HTTP/1.1 by hand, for what a library client hides: exact response bytes,
 * pipelining, partial requests and oversized bodies.
 */
final class RawHttp implements AutoCloseable {
    private static final int END_OF_HEAD = 0x0D0A0D0A;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port, int readTimeoutMillis) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(readTimeoutMillis);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** A complete request with a JSON body, keep-alive. */
    static String request(String method, String path, String key, String idempotencyKey, String body) {
        StringBuilder text = new StringBuilder();
        text.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (key != null) {
            text.append("Authorization: Bearer ").append(key).append("\r\n");
        }
        if (idempotencyKey != null) {
            text.append("Idempotency-Key: ").append(idempotencyKey).append("\r\n");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        text.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n\r\n");
        text.append(body);
        return text.toString();
    }

    /** Reads one whole response (status line, headers, Content-Length body) and returns its exact bytes. */
    byte[] readResponse() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        while (lastFour != END_OF_HEAD) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.size() + " bytes");
            }
            head.write(b);
            lastFour = lastFour << 8 | b;
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException("body cut short");
        }
        head.write(body);
        return head.toByteArray();
    }

    /** True when the server closed the connection (end of stream, or reset). */
    boolean isClosedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    static int status(byte[] response) {
        String text = new String(response, StandardCharsets.US_ASCII);
        return Integer.parseInt(text.substring(9, 12));
    }

    static String body(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        return text.substring(text.indexOf("\r\n\r\n") + 4);
    }

    static String head(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        return text.substring(0, text.indexOf("\r\n\r\n"));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
