package io.onecard.sip.stack;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the JAIN-SIP stack's own log to SLF4J, so that the stack never loads log4j 1.x.
 *
 * <p>Named by the {@code gov.nist.javax.sip.STACK_LOGGER} stack property; the stack creates it by reflection,
 * hence the public no-argument constructor. The stack's levels map onto the logger {@code gov.nist.javax.sip};
 * its chatty INFO messages go to DEBUG, so that an operator's log shows the edge's own events.
 */
public final class Slf4jStackLogger implements StackLogger {
    /** Longest stack message written to the log, in characters. */
    static final int MAX_MESSAGE_LENGTH = 300;

    private static final Logger LOG = LoggerFactory.getLogger("gov.nist.javax.sip");
    private static final Pattern CARD_LIKE = Pattern.compile("\\d{13,19}");

    private boolean enabled = true;

    public Slf4jStackLogger() {
        // created by the stack through reflection
    }

    @Override
    public void logStackTrace() {
        if (enabled && LOG.isDebugEnabled()) {
            LOG.debug("stack trace", new Throwable("stack trace"));
        }
    }

    @Override
    public void logStackTrace(int traceLevel) {
        logStackTrace();
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable exception) {
        if (enabled) {
            LOG.warn("SIP stack exception: {}", sanitize(String.valueOf(exception)));
            LOG.debug("SIP stack exception", exception);
        }
    }

    @Override
    public void logDebug(String message) {
        if (enabled) {
            LOG.debug(sanitize(message));
        }
    }

    @Override
    public void logDebug(String message, Exception exception) {
        if (enabled) {
            LOG.debug(sanitize(message), exception);
        }
    }

    @Override
    public void logTrace(String message) {
        if (enabled) {
            LOG.trace(sanitize(message));
        }
    }

    @Override
    public void logFatalError(String message) {
        if (enabled) {
            LOG.error(sanitize(message));
        }
    }

    @Override
    public void logError(String message) {
        if (enabled) {
            LOG.error(sanitize(message));
        }
    }

    @Override
    public boolean isLoggingEnabled() {
        return enabled && LOG.isWarnEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (!enabled) {
            return false;
        }
        if (logLevel >= TRACE_TRACE) {
            return LOG.isTraceEnabled();
        }
        if (logLevel >= TRACE_DEBUG) {
            return LOG.isDebugEnabled();
        }
        if (logLevel >= TRACE_INFO) {
            return LOG.isDebugEnabled();
        }
        if (logLevel >= TRACE_WARN) {
            return LOG.isWarnEnabled();
        }
        return logLevel > TRACE_NONE && LOG.isErrorEnabled();
    }

    @Override
    public void logError(String message, Exception exception) {
        if (enabled) {
            LOG.error(sanitize(message), exception);
        }
    }

    @Override
    public void logWarning(String message) {
        if (enabled) {
            LOG.warn(sanitize(message));
        }
    }

    @Override
    public void logInfo(String message) {
        if (enabled) {
            LOG.debug(sanitize(message));
        }
    }

    @Override
    public void disableLogging() {
        enabled = false;
    }

    @Override
    public void enableLogging() {
        enabled = true;
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        LOG.debug("JAIN-SIP build {}", buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // the level comes from the SLF4J configuration, not from stack properties
    }

    /**
     * Makes a stack message fit for an operator's log: card-like digit runs masked (the stack quotes whole
     * packets, whose {@code Proxy-Authorization} carries a card number) and the text cut to
     * {@value #MAX_MESSAGE_LENGTH} characters.
     */
    static String sanitize(String message) {
        if (message == null) {
            return "";
        }
        String cut = message.length() > MAX_MESSAGE_LENGTH
            ? message.substring(0, MAX_MESSAGE_LENGTH) + "... (" + message.length() + " characters)" : message;
        return CARD_LIKE.matcher(cut).replaceAll(match -> {
            String digits = match.group();
            return digits.substring(0, 6) + "******" + digits.substring(digits.length() - 4);
        });
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
