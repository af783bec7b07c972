package io.onecard.ops.serve;

import io.micrometer.core.instrument.MeterRegistry;
import io.onecard.core.OneCardCore;
import io.onecard.ops.config.OneCardConfig;
import io.onecard.sip.SipEdgeConfig;
import io.onecard.sip.call.CallingCardServer;

/**
 * The SIP calling-card edge in the server, on UDP and TCP at {@code bind:sip.port}, bridging answered calls
 * to {@code sip.gateway} (without one, calls are answered 503) and rating them with the configured table. Its
 * ring timeout and hold margin come from {@code sip.ring.timeout} and {@code sip.hold.margin}.
 */
final class SipPart implements ServerPart {
    private final OneCardConfig config;
    private final CallingCardServer server;

    SipPart(OneCardConfig config, OneCardCore core, MeterRegistry registry) {
        this.config = config;
        SipEdgeConfig edge = SipEdgeConfig.defaults(config.dataDir())
            .withBind(config.bind(), config.sipPort())
            .withGateway(config.sipGateway().orElse(null))
            .withRates(config.loadRates())
            .withMaxCalls(config.sipMaxCalls())
            .withRingTimeout(config.sipRingTimeout())
            .withHoldMargin(config.sipHoldMargin());
        this.server = new CallingCardServer(edge, core, registry);
    }

    @Override
    public String name() {
        return ServerPartNames.SIP;
    }

    @Override
    public String start() {
        server.start();
        return "sip:" + config.bind() + ":" + server.port() + " (UDP and TCP), gateway "
            + config.sipGateway().orElse("none: calls are answered 503 until sip.gateway is set");
    }

    @Override
    public void close() {
        server.close();
    }
}
