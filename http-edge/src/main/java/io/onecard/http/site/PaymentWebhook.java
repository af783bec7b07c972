package io.onecard.http.site;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.onecard.http.CoreAccess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /site/payments/webhook}: a hosted-checkout provider tells the site that an order's payment
 * succeeded or was declined.
 *
 * <p>Checked in this order, each refusal answered with {@code {"error": {"code", "message"}}} and nothing
 * changed: a JSON body of at most {@link #MAX_BODY_BYTES} (413, 415); the {@link WebhookSignature} header
 * (400); its timestamp within the tolerance of the site's clock, either way (401); its signature, in
 * constant time (401); the ledger recovered (503, before the delivery is remembered, so that the very same
 * delivery may come again); the delivery not seen before (a replay: 409); the {@link WebhookEvent} body (400); the
 * order known (404) and the amount and currency its own (422). Then the event is written to the order book
 * before the answer, 200 {@code {"status": "accepted"}}; a paid order is fulfilled afterwards, also after a
 * restart. The same event delivered again, newly signed, answers 200 {@code {"status": "duplicate"}} and
 * changes nothing; the payment id is the ledger's idempotency key, so no delivery can issue a second card.
 * A second, different payment for an order already paid is refused (409) and logged for an operator.
 *
 * <p>The webhook needs no CSRF token: only the holder of the secret can sign a delivery.
 */
final class PaymentWebhook {
    /** Largest body accepted, in bytes. */
    static final int MAX_BODY_BYTES = 8 * 1024;
    /** Signed deliveries remembered at most for replay detection. */
    static final int MAX_REMEMBERED_DELIVERIES = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(PaymentWebhook.class);
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final String DECLINED = "The card was declined by the payment provider.";

    private final HostedCheckout checkout;
    private final OrderBook book;
    private final OrderFulfilment fulfilment;
    private final CoreAccess ledger;
    private final ReplayGuard replays;
    private final LongSupplier clockMillis;

    PaymentWebhook(HostedCheckout checkout, OrderBook book, OrderFulfilment fulfilment, CoreAccess ledger,
                   LongSupplier clockMillis) {
        this.checkout = checkout;
        this.book = book;
        this.fulfilment = fulfilment;
        this.ledger = ledger;
        this.clockMillis = clockMillis;
        this.replays = new ReplayGuard(MAX_REMEMBERED_DELIVERIES, checkout.tolerance().toMillis());
    }

    /** Answers one delivery. Event loop; the answer is sent from the order book's thread. */
    void handle(FullHttpRequest request, PageReply reply) {
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (request.content().readableBytes() > MAX_BODY_BYTES) {
            refuse(reply, 413, "payload_too_large", "the body is larger than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            refuse(reply, 415, "unsupported_media_type", "the body must be application/json");
            return;
        }
        WebhookSignature signature = WebhookSignature.parse(request.headers().get(WebhookSignature.HEADER));
        if (signature == null) {
            refuse(reply, 400, "invalid_signature_header", "expected " + WebhookSignature.HEADER
                + ": t=<unix seconds>,v1=<64 lowercase hex digits>");
            return;
        }
        long now = clockMillis.getAsLong();
        if (Math.abs(now / 1000 - signature.timestampSeconds()) > checkout.tolerance().toSeconds()) {
            refuse(reply, 401, "timestamp_out_of_tolerance", "the signature's timestamp is more than "
                + checkout.tolerance().toSeconds() + " s from the site's clock");
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        if (!signature.matches(checkout.webhookSecret(), body)) {
            LOG.warn("site webhook: a delivery with a wrong signature was refused");
            refuse(reply, 401, "bad_signature", "the signature does not match the body");
            return;
        }
        if (!ledger.recovered().getAsBoolean()) {
            refuse(reply, 503, "not_ready", "the site is starting; deliver again later");
            return;
        }
        if (!replays.firstSighting(signature.deliveryKey(), now)) {
            refuse(reply, 409, "replayed", "this signed delivery was received before");
            return;
        }
        WebhookEvent event;
        try {
            event = WebhookEvent.parse(body);
        } catch (WebhookEvent.Malformed malformed) {
            refuse(reply, 400, "invalid_request", malformed.getMessage());
            return;
        }
        book.update(event.orderId(), order -> apply(order, event), change -> answer(change, event, reply));
    }

    /** The order as the event makes it; the same instance when the event changes nothing. Book thread. */
    private static Order apply(Order order, WebhookEvent event) {
        if (order.amountMinor() != event.amountMinor() || !order.currency().equals(event.currency())) {
            return order;
        }
        boolean open = order.state() == OrderState.PENDING || order.state() == OrderState.DECLINED;
        if (event.succeeded() && open) {
            return order.paid(event.paymentId());
        }
        if (!event.succeeded() && order.state() == OrderState.PENDING) {
            return order.declined(event.paymentId(), DECLINED);
        }
        return order;
    }

    private void answer(OrderBook.Change change, WebhookEvent event, PageReply reply) {
        Order before = change.before();
        if (before == null) {
            refuse(reply, 404, "unknown_order", "no order " + event.orderId());
        } else if (before.amountMinor() != event.amountMinor() || !before.currency().equals(event.currency())) {
            LOG.warn("site webhook: payment {} for order {} names another amount or currency; refused",
                event.paymentId(), event.orderId());
            refuse(reply, 422, "amount_mismatch", "the amount or currency is not the order's");
        } else if (change.changed()) {
            LOG.info("site webhook: payment {} {}", event.paymentId(), event.succeeded() ? "succeeded" : "declined");
            reply.send(() -> status(200, "accepted"));
            if (change.after().state() == OrderState.PAID) {
                fulfilment.fulfil(change.after(), delivery -> { });
            }
        } else if (event.succeeded() && isPaid(before) && !event.paymentId().equals(before.paymentId())) {
            LOG.warn("site webhook: order {} paid by {} was paid again by {}; refund the second payment",
                event.orderId(), before.paymentId(), event.paymentId());
            refuse(reply, 409, "order_already_paid", "the order was paid by another payment");
        } else {
            reply.send(() -> status(200, "duplicate"));
        }
    }

    private static boolean isPaid(Order order) {
        return order.state() == OrderState.PAID || order.state() == OrderState.FULFILLED
            || order.state() == OrderState.REFUSED;
    }

    private static void refuse(PageReply reply, int status, String code, String message) {
        reply.send(() -> json(status, json -> {
            json.writeObjectFieldStart("error");
            json.writeStringField("code", code);
            json.writeStringField("message", message);
            json.writeEndObject();
        }));
    }

    private static SitePage status(int status, String text) {
        return json(status, json -> json.writeStringField("status", text));
    }

    /** Fills one JSON object. */
    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator json) throws IOException;
    }

    private static SitePage json(int status, Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            fields.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to memory", e);
        }
        return new SitePage(status, "application/json", out.toByteArray(), Map.of());
    }
}
