package io.onecard.http.site;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the site's e-mail on its own thread, so that neither an event loop nor the ledger's replier ever
 * waits on a mail server.
 *
 * <p>With an SMTP host configured, each message goes out over SMTP (Angus Mail); without one, it is written
 * as an {@code .eml} file to {@code <data dir>/outbox/} and the file's path is logged, so that a site without
 * a mail server still delivers everything somewhere an operator can read. The log names the file, never a
 * card number or PIN.
 */
final class MailOffice implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailOffice.class);
    private static final long CLOSE_WAIT_SECONDS = 10;
    private static final int SMTP_TIMEOUT_MILLIS = 10_000;
    /** Messages waiting for the sender at most; past it a message is dropped and logged. */
    private static final int MAX_QUEUED_MESSAGES = 10_000;

    private final SiteConfig config;
    private final Session session;
    private final Path outbox;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(MAX_QUEUED_MESSAGES), runnable -> {
            Thread thread = new Thread(runnable, "site-mail");
            thread.setDaemon(true);
            return thread;
        }, (task, executor) -> LOG.warn("site e-mail dropped: {} messages are already queued or the site is closing",
            MAX_QUEUED_MESSAGES));

    MailOffice(SiteConfig config) {
        this.config = config;
        Properties properties = new Properties();
        if (config.smtpHost() != null) {
            properties.put("mail.smtp.host", config.smtpHost());
            properties.put("mail.smtp.port", Integer.toString(config.smtpPort()));
            properties.put("mail.smtp.connectiontimeout", Integer.toString(SMTP_TIMEOUT_MILLIS));
            properties.put("mail.smtp.timeout", Integer.toString(SMTP_TIMEOUT_MILLIS));
        }
        this.session = Session.getInstance(properties);
        this.outbox = config.dataDir().resolve("outbox");
    }

    /** Queues a message; returns at once. */
    void post(SiteMail mail) {
        compose(() -> mail);
    }

    /**
     * Queues a message to be composed on the mail thread (where a slow lookup may run); returns at once. A
     * composer that returns null sends nothing.
     */
    void compose(Supplier<SiteMail> composer) {
        sender.execute(() -> {
            SiteMail mail;
            try {
                mail = composer.get();
            } catch (RuntimeException e) {
                LOG.warn("site e-mail could not be composed: {}", e.toString());
                return;
            }
            if (mail != null) {
                deliver(mail);
            }
        });
    }

    /**
     * Queues messages to be composed on the mail thread (where a slow lookup may run); returns at once.
     *
     * @param composer the messages; none is fine
     * @param delivered run on the sender's thread once every message was handed over, not run when one failed
     */
    void post(Supplier<List<SiteMail>> composer, Runnable delivered) {
        if (sender.isShutdown()) {
            LOG.info("site e-mail not sent: the site is stopping; it is sent again at the next start");
            return;
        }
        sender.execute(() -> {
            List<SiteMail> mails;
            try {
                mails = composer.get();
            } catch (RuntimeException e) {
                LOG.warn("site e-mail could not be composed: {}", e.toString());
                return;
            }
            boolean all = true;
            for (SiteMail mail : mails) {
                all &= deliver(mail);
            }
            if (all) {
                delivered.run();
            }
        });
    }

    private boolean deliver(SiteMail mail) {
        try {
            MimeMessage message = compose(mail);
            if (config.smtpHost() != null) {
                Transport.send(message);
                LOG.info("site e-mail sent over SMTP: {}", mail.subject());
            } else {
                Path file = writeToOutbox(message);
                LOG.info("site e-mail written to {}", file);
            }
            return true;
        } catch (MessagingException | IOException | RuntimeException e) {
            LOG.warn("site e-mail '{}' could not be delivered: {}", mail.subject(), e.toString());
            return false;
        }
    }

    private MimeMessage compose(SiteMail mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(config.mailFrom()));
        message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(mail.to(), true));
        message.setSubject(mail.subject(), "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(mail.html(), "text/html; charset=utf-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.setSentDate(Date.from(Instant.now()));
        message.saveChanges();
        return message;
    }

    private Path writeToOutbox(MimeMessage message) throws IOException, MessagingException {
        Files.createDirectories(outbox);
        Path file = outbox.resolve(Instant.now().toEpochMilli() + "-" + UUID.randomUUID() + ".eml");
        try (OutputStream out = Files.newOutputStream(file)) {
            message.writeTo(out);
        }
        return file;
    }

    /** Sends what is queued (waiting a bounded time), then stops the sender thread. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("site e-mail still queued at shutdown was dropped");
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sender.shutdownNow();
        }
    }
}
