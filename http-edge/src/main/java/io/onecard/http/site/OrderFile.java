package io.onecard.http.site;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's orders on disk: an append-only file of JSON lines, one line per change of an order carrying the
 * whole order as it became, each line forced to disk before the change is acted on.
 *
 * <p>Reading keeps the last line of each order. A line cut short by a crash (the last one, without its
 * newline) or damaged in any other way is skipped and logged, never guessed at. {@link #rewrite} replaces the
 * file by one line per order still kept (written to a temporary file, forced, then moved over the old one),
 * which bounds the file's size. One thread only: the order book's.
 */
final class OrderFile implements AutoCloseable {
    /** Longest line read; an order's fields are each limited far below this. */
    static final int MAX_LINE_CHARS = 8_192;
    private static final Logger LOG = LoggerFactory.getLogger(OrderFile.class);
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Path file;
    private FileChannel channel;
    private long lines;

    private OrderFile(Path file) {
        this.file = file;
    }

    /** Opens (creating) the file in {@code directory} and reads every order in it, last change winning. */
    static OrderFile open(Path directory, Map<String, Order> into) {
        OrderFile orders = new OrderFile(directory.resolve("orders.jsonl"));
        try {
            Files.createDirectories(directory);
            if (Files.exists(orders.file)) {
                orders.read(into);
            }
            orders.channel = FileChannel.open(orders.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the site's orders in " + directory, e);
        }
        return orders;
    }

    /** Lines written since the file was last rewritten. */
    long lines() {
        return lines;
    }

    /**
     * Appends the order as it is now and forces it to disk.
     *
     * @throws IllegalArgumentException when the order's line would be longer than a reader takes back
     *     ({@value #MAX_LINE_CHARS}); nothing is written
     */
    void append(Order order) {
        byte[] line = line(order);
        if (line.length > MAX_LINE_CHARS) {
            throw new IllegalArgumentException("an order line of " + line.length + " bytes is over the limit of "
                + MAX_LINE_CHARS);
        }
        try {
            write(channel, line);
            channel.force(false);
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the site's orders to " + file, e);
        }
    }

    /** Replaces the file by one line per order given, atomically. */
    void rewrite(Collection<Order> orders) {
        Path fresh = file.resolveSibling(file.getFileName() + ".new");
        try {
            try (FileChannel out = FileChannel.open(fresh, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
                for (Order order : orders) {
                    write(out, line(order));
                }
                out.force(true);
            }
            channel.close();
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
            channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            lines = orders.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the site's orders in " + file, e);
        }
    }

    private void forceDirectory() {
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("the orders directory cannot be forced on this file system: {}", e.toString());
        }
    }

    private void read(Map<String, Order> into) throws IOException {
        Map<String, Order> read = new LinkedHashMap<>();
        long skipped = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Order order = line.length() > MAX_LINE_CHARS ? null : parse(line);
                if (order == null) {
                    skipped++;
                } else {
                    read.put(order.orderId(), order);
                }
                lines++;
            }
        }
        if (skipped > 0) {
            LOG.warn("site orders: {} unreadable line(s) skipped in {}", skipped, file);
        }
        into.putAll(read);
    }

    private static void write(FileChannel out, byte[] line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(line);
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    static byte[] line(Order order) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("id", order.orderId());
            json.writeStringField("state", order.state().name());
            json.writeNumberField("amount", order.amountMinor());
            json.writeStringField("currency", order.currency());
            json.writeStringField("buyer", order.buyerEmail());
            json.writeNumberField("recharge_card", order.rechargeCard());
            json.writeStringField("gift_to", order.gift() == null ? null : order.gift().recipientEmail());
            json.writeStringField("gift_message", order.gift() == null ? null : order.gift().message());
            json.writeNumberField("created_at", order.createdAtMillis());
            json.writeStringField("payment_id", order.paymentId());
            json.writeNumberField("card", order.cardNumber());
            json.writeStringField("salt", order.saltHex());
            json.writeNumberField("balance", order.balanceMinor());
            json.writeBooleanField("mailed", order.mailed());
            json.writeStringField("reason", order.reason());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** The order of one line, or {@code null} when the line is not one whole order. */
    static Order parse(String line) {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    return null;
                }
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                fields.put(name, switch (value) {
                    case VALUE_NUMBER_INT -> parser.getLongValue();
                    case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
                    case VALUE_NULL -> null;
                    default -> parser.getValueAsString();
                });
            }
            return parser.nextToken() == null ? order(fields) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Order order(Map<String, Object> fields) {
        String giftTo = (String) fields.get("gift_to");
        Order.Gift gift = giftTo == null ? null : new Order.Gift(giftTo, (String) fields.get("gift_message"));
        String id = (String) fields.get("id");
        String currency = (String) fields.get("currency");
        if (id == null || currency == null) {
            return null;
        }
        return new Order(id, OrderState.valueOf((String) fields.get("state")), (Long) fields.get("amount"),
            currency, (String) fields.get("buyer"), (Long) fields.get("recharge_card"), gift,
            (Long) fields.get("created_at"), (String) fields.get("payment_id"), (Long) fields.get("card"),
            (String) fields.get("salt"), (Long) fields.get("balance"), (Boolean) fields.get("mailed"),
            (String) fields.get("reason"));
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("site orders: closing {} failed: {}", file, e.toString());
        }
    }
}
