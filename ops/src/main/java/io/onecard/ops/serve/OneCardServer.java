package io.onecard.ops.serve;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.onecard.core.OneCardCore;
import io.onecard.ops.config.ApiKeys;
import io.onecard.ops.config.OneCardConfig;
import io.onecard.ops.ledger.IssuedCard;
import io.onecard.ops.ledger.LedgerCalls;
import io.onecard.ops.metrics.LedgerGauges;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole OneCard server in one process: the ledger (recovered before anything else starts), the API
 * keys, the metrics registry, and the edges.
 *
 * <p>Start order: ledger, keys, gauges, edges, demo cards. Stop order is the reverse where it matters: the
 * edges stop taking work first, then sampling stops, then the ledger drains its ring and closes the journal
 * and stores. {@link #close()} may be called from a shutdown hook and more than once.
 */
public final class OneCardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OneCardServer.class);

    private final OneCardCore core;
    private final ApiKeys keys;
    private final PrometheusMeterRegistry registry;
    private final LedgerGauges gauges;
    private final List<ServerPart> started = new ArrayList<>();
    private final Map<String, String> listening = new LinkedHashMap<>();
    private final List<IssuedCard> demoCards;
    private final java.nio.file.Path dataDir;
    private boolean closed;

    private OneCardServer(OneCardConfig config, SecureRandom random) {
        this.dataDir = config.dataDir();
        this.core = OneCardCore.open(config.core());
        try {
            this.keys = ApiKeys.resolve(config, random);
            this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            this.gauges = new LedgerGauges(core, registry, LedgerGauges.DEFAULT_INTERVAL);
            for (ServerPart part : EdgeParts.create(config, core, keys, registry)) {
                String where = startPart(part);
                started.add(part);
                listening.put(part.name(), where);
                LOG.info("{} listening on {}", part.name(), where);
                if (part instanceof HttpPart http) {
                    ServerEndpoint.write(config.dataDir(), http.localEndpoint());
                    listening.put(ServerPartNames.METRICS, where + "/metrics");
                }
            }
            LedgerCalls ledger = new LedgerCalls(core.sink(), core.pinSecret());
            this.demoCards = DemoCards.issueOnFirstStart(config.dataDir(), config.demoCards(), ledger);
            gauges.sample();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private static String startPart(ServerPart part) {
        try {
            return part.start();
        } catch (Exception e) {
            // Netty throws a port in use as an undeclared checked BindException, so catch every exception
            throw new IllegalStateException(part.name() + " could not start: " + e.getMessage(), e);
        }
    }

    /** Opens the ledger, starts every part, and issues the demo cards on a first start. */
    public static OneCardServer start(OneCardConfig config) {
        return new OneCardServer(config, new SecureRandom());
    }

    public OneCardCore core() {
        return core;
    }

    public ApiKeys keys() {
        return keys;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The ledger's gauges; {@link LedgerGauges#sample()} refreshes them at once. */
    public LedgerGauges gauges() {
        return gauges;
    }

    /** Where each started part listens, by name, in start order. */
    public Map<String, String> listening() {
        return Map.copyOf(listening);
    }

    /** The demo cards issued by this start (empty unless it was the first), with their PINs. */
    public List<IssuedCard> demoCards() {
        return demoCards;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("stopping: edges stop taking work, then the ring drains and the journal closes");
        ServerEndpoint.remove(dataDir);
        for (int i = started.size() - 1; i >= 0; i--) {
            ServerPart part = started.get(i);
            try {
                part.close();
                LOG.info("{} stopped", part.name());
            } catch (RuntimeException e) {
                LOG.error("{} did not stop cleanly", part.name(), e);
            }
        }
        if (gauges != null) {
            gauges.close();
        }
        core.close();
        if (registry != null) {
            registry.close();
        }
    }
}
