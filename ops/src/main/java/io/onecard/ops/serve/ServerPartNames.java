package io.onecard.ops.serve;

/** The names the server's parts go by in the banner and the log. */
final class ServerPartNames {
    /** The HTTP settlement API and card site. */
    static final String HTTP = "HTTP API";
    /** The SIP calling-card edge. */
    static final String SIP = "SIP edge";
    /** Prometheus metrics, served by the HTTP edge. */
    static final String METRICS = "metrics";

    private ServerPartNames() {
    }
}
