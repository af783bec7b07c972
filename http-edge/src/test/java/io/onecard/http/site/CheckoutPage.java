package io.onecard.http.site;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A provider's hosted checkout page on loopback, for the browser tests: it shows the order it was sent
 * with and two buttons, pays or declines, tells the site through its signed webhook the way a real provider
 * does, and then sends the buyer back to the site's return address.
 */
final class CheckoutPage implements AutoCloseable {
    private final HttpServer server;
    private final AtomicReference<SiteFixture> site = new AtomicReference<>();
    private final AtomicReference<HttpResponse<String>> lastDelivery = new AtomicReference<>();

    private CheckoutPage(HttpServer server) {
        this.server = server;
    }

    static CheckoutPage start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CheckoutPage page = new CheckoutPage(server);
        server.createContext("/checkout", page::checkout);
        server.createContext("/pay", page::pay);
        server.start();
        return page;
    }

    /** Where the site sends buyers. */
    String checkoutUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/checkout";
    }

    /** The site the webhook calls go to. */
    void deliverTo(SiteFixture fixture) {
        site.set(fixture);
    }

    /** The site's answer to the last webhook call. */
    HttpResponse<String> lastDelivery() {
        return lastDelivery.get();
    }

    private void checkout(HttpExchange exchange) throws IOException {
        Map<String, String> order = SiteVisitor.query(exchange.getRequestURI().getRawQuery() == null ? ""
            : "?" + exchange.getRequestURI().getRawQuery());
        String fields = hidden("order_id", order.get("order_id")) + hidden("amount", order.get("amount"))
            + hidden("currency", order.get("currency")) + hidden("return_url", order.get("return_url"));
        String html = "<!DOCTYPE html><html><head><title>Example Pay</title></head><body><h1>Example Pay</h1>"
            + "<p id=\"provider-order\">Order " + order.get("order_id") + ": " + order.get("amount") + " "
            + order.get("currency") + "</p>"
            + "<form method=\"post\" action=\"/pay\">" + fields + hidden("outcome", "succeeded")
            + "<button id=\"provider-pay\" type=\"submit\">Pay</button></form>"
            + "<form method=\"post\" action=\"/pay\">" + fields + hidden("outcome", "declined")
            + "<button id=\"provider-decline\" type=\"submit\">Decline</button></form></body></html>";
        answer(exchange, 200, html, null);
    }

    private void pay(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> fields = SiteVisitor.query("?" + form);
        String body = CheckoutProvider.event("pay_" + System.nanoTime(), fields.get("order_id"),
            fields.get("outcome"), Long.parseLong(fields.get("amount")), fields.get("currency"));
        lastDelivery.set(CheckoutProvider.deliver(site.get(), body));
        answer(exchange, 303, "", fields.get("return_url"));
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + value.replace("\"", "&quot;") + "\">";
    }

    private static void answer(HttpExchange exchange, int status, String html, String location) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        if (location != null) {
            exchange.getResponseHeaders().set("Location", location);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
