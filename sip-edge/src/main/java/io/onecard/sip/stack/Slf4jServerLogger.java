package io.onecard.sip.stack;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the JAIN-SIP message trace to SLF4J at TRACE level, under the logger {@code io.onecard.sip.wire}.
 *
 * <p>Named by the {@code gov.nist.javax.sip.SERVER_LOGGER} stack property. Messages are logged only by their
 * first line, addresses and transaction id, never with headers or bodies: a request line can carry a dialled
 * number, but a {@code Proxy-Authorization} header carries a card number and must stay out of logs.
 */
public final class Slf4jServerLogger implements ServerLogger {
    private static final Logger LOG = LoggerFactory.getLogger("io.onecard.sip.wire");

    public Slf4jServerLogger() {
        // created by the stack through reflection
    }

    @Override
    public void closeLogFile() {
        // nothing to close: SLF4J owns the output
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        trace(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        trace(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        trace(message, from, to, sender);
    }

    @Override
    public void logException(Exception exception) {
        LOG.debug("SIP message exception", exception);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // the level comes from the SLF4J configuration
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        // no per-stack state
    }

    private static void trace(SIPMessage message, String from, String to, boolean sender) {
        if (LOG.isTraceEnabled() && message != null) {
            LOG.trace("{} {} -> {}: {}", sender ? "sent" : "received", from, to, message.getFirstLine().strip());
        }
    }
}
