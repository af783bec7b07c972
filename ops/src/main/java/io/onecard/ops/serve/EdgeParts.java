package io.onecard.ops.serve;

import io.micrometer.core.instrument.MeterRegistry;
import io.onecard.core.OneCardCore;
import io.onecard.ops.config.ApiKeys;
import io.onecard.ops.config.OneCardConfig;
import java.util.List;

/**
 * Builds the network-facing parts of the server from the configuration: the HTTP settlement API and the
 * SIP calling-card edge, each handed the core, its settings and the shared meter registry.
 */
final class EdgeParts {
    private EdgeParts() {
    }

    /** The parts this build contains, not yet started. */
    static List<ServerPart> create(OneCardConfig config, OneCardCore core, ApiKeys keys, MeterRegistry registry) {
        return List.of(new HttpPart(config, core, keys, registry), new SipPart(config, core, registry));
    }
}
