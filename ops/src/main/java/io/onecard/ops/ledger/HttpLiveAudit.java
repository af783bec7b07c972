package io.onecard.ops.ledger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Asks a running server to audit its live ledger ({@code POST /v1/admin/audit} with the admin key), for
 * {@code onecard audit} while a server holds the data directory. When another audit is running on the
 * server, it asks again every {@link #BUSY_RETRY} until {@link #BUSY_WAIT} has passed.
 */
public final class HttpLiveAudit {
    /** How long the server may take to replay the journal and answer. */
    public static final Duration ANSWER_TIMEOUT = Duration.ofHours(1);
    /** How long to keep asking while another audit runs on the server. */
    public static final Duration BUSY_WAIT = Duration.ofMinutes(10);
    /** Pause between two requests while another audit runs. */
    public static final Duration BUSY_RETRY = Duration.ofSeconds(2);
    /** Differences read from one answer at most (the server lists at most 100). */
    public static final int MAX_DIFFERENCES = 1_000;

    private final URI endpoint;
    private final String adminKey;
    private final HttpClient client;

    public HttpLiveAudit(URI endpoint, String adminKey) {
        this.endpoint = endpoint;
        this.adminKey = adminKey;
        this.client = HttpClient.newBuilder().connectTimeout(HttpCardAdmin.TIMEOUT).build();
    }

    /**
     * The server's report.
     *
     * @param passed true when nothing differs and money is conserved
     * @param fields every field of the answer, nested ones flattened with dots ({@code conservation.held})
     * @param differences the differences listed (at most 100; {@code differences_found} tells how many)
     */
    public record Report(boolean passed, Map<String, String> fields, List<String> differences) {
    }

    /**
     * Runs one audit on the server and waits for its report.
     *
     * @throws LedgerRefusedException when the server refused (a wrong key, an audit that could not run)
     */
    public Report audit() throws InterruptedException {
        long deadline = System.nanoTime() + BUSY_WAIT.toNanos();
        while (true) {
            HttpResponse<byte[]> response = send();
            Map<String, String> fields = FlatJson.parse(response.body());
            String code = fields.getOrDefault("error.code", "");
            if (response.statusCode() == 200 || "audit_failed".equals(code)) {
                return new Report(response.statusCode() == 200 && "true".equals(fields.get("passed")), fields,
                    FlatJson.strings(response.body(), "differences", MAX_DIFFERENCES));
            }
            if (!"audit_running".equals(code) || System.nanoTime() > deadline) {
                throw new LedgerRefusedException(code.isEmpty() ? "http_" + response.statusCode() : code,
                    "the server answered " + response.statusCode() + " " + code + ": "
                        + fields.getOrDefault("error.message", "(no message)"));
            }
            Thread.sleep(BUSY_RETRY.toMillis());
        }
    }

    private HttpResponse<byte[]> send() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/v1/admin/audit")).timeout(ANSWER_TIMEOUT)
            .header("Authorization", "Bearer " + adminKey).POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the running server at " + endpoint + ": " + e, e);
        }
    }
}
