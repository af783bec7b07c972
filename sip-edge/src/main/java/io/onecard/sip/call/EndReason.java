package io.onecard.sip.call;

import java.util.Locale;

/** Why a call ended, as the call record and the metrics name it. */
public enum EndReason {
    /** The caller hung up. */
    CALLER,
    /** The called party (the gateway) hung up. */
    CALLEE,
    /** The paid time ran out and the card could not pay for the next increment. */
    CREDIT,
    /** The call reached the configured maximum duration. */
    MAX_DURATION,
    /** The caller cancelled before the call was answered. */
    CANCELLED,
    /** The gateway refused the call. */
    GATEWAY_FAILED,
    /** The gateway did not answer in time. */
    NO_ANSWER,
    /** The edge refused the call before bridging it (declined, no credit, no rate, overloaded). */
    REJECTED,
    /** A SIP transaction of an answered call failed, or the edge shut down. */
    ERROR;

    /** The lower-case name used in call records and metric tags. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
