package io.onecard.sip.call;

import io.onecard.core.ring.CommandSink;
import io.onecard.sip.SipEdgeConfig;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.sip.address.SipURI;

/**
 * What every call of one edge shares: the stack's message helpers, the ring, the settings, the clock, the
 * timer, the worker pool, the call record file, the pending settlements and the meters.
 *
 * @param gatewayUri where accepted calls go (its user part is replaced by the dialled digits)
 * @param gatewayTransport {@code udp} or {@code tcp}
 * @param finished told when a call is over, so the edge can forget it
 */
record CallServices(SipMessages sip, CommandSink sink, SipEdgeConfig config, LongSupplier clockMillis,
    ScheduledExecutorService timer, Executor workers, CallRecordWriter records, PendingSettlements pending,
    CallMetrics metrics,
    SipURI gatewayUri, String gatewayTransport, Consumer<Call> finished) {

    long now() {
        return clockMillis.getAsLong();
    }
}
