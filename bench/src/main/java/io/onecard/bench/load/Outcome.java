package io.onecard.bench.load;

/** How one request of a load run ended, as the driver counts it. */
public enum Outcome {
    /** Settled (HTTP 201, or 200 for the hello-world; a committed transaction for PostgreSQL). */
    OK,
    /** Refused for want of funds (HTTP 402, or the conditional update found too little balance). */
    DECLINED,
    /** Refused by back-pressure (HTTP 503): nothing changed, the client may retry. */
    OVERLOADED,
    /** Anything else: a wrong answer, which fails the run. */
    OTHER
}
