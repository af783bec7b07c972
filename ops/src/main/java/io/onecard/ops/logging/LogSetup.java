package io.onecard.ops.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.onecard.ops.config.LogFormat;
import java.net.URL;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Switches logging between its two formats. Text ({@code logback.xml}) is in force from the first line;
 * JSON ({@code onecard-logback-json.xml}, one object per line) replaces it as soon as the configuration
 * asks for it. Both go to standard error, so that a command's own output on standard output stays clean,
 * and both keep Chronicle's start-up chatter out (warnings only).
 */
public final class LogSetup {
    /** The JSON configuration resource. */
    public static final String JSON_RESOURCE = "onecard-logback-json.xml";

    private static LogFormat current = LogFormat.TEXT;

    private LogSetup() {
    }

    /** Applies a format; does nothing when it is already in force or logback is not the SLF4J binding. */
    public static synchronized void apply(LogFormat format) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (format == current || !(factory instanceof LoggerContext context)) {
            return;
        }
        String resource = format == LogFormat.JSON ? JSON_RESOURCE : "logback.xml";
        URL url = LogSetup.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("logging configuration " + resource + " is missing from the jar");
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(url);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure logging from " + resource, e);
        }
        current = format;
    }
}
