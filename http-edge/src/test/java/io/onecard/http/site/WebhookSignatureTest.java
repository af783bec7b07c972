package io.onecard.http.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The signature header is read strictly and checked against the README's signed string. */
class WebhookSignatureTest {
    private static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String UPPER_HEX = "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void shouldReadBothItemsInEitherOrder() {
        assertThat(WebhookSignature.parse("t=1700000000,v1=" + HEX))
            .isEqualTo(new WebhookSignature(1_700_000_000L, HEX));
        assertThat(WebhookSignature.parse("v1=" + HEX + ", t=1700000000"))
            .isEqualTo(new WebhookSignature(1_700_000_000L, HEX));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "t=1700000000", "v1=" + HEX, "t=1700000000,v1=" + HEX + ",v1=" + HEX,
        "t=1700000000,t=1700000001,v1=" + HEX, "t=1700000000,v1=" + HEX + ",v0=abc",
        "t=-1,v1=" + HEX, "t=1e9,v1=" + HEX, "t=1234567890123,v1=" + HEX, "t=1700000000,v1=" + UPPER_HEX,
        "t=1700000000,v1=" + HEX + "00", "t=1700000000;v1=" + HEX})
    void shouldRefuseAnythingButExactlyOneTimestampAndOneSignature(String header) {
        assertThat(WebhookSignature.parse(header)).isNull();
    }

    @Test
    void shouldRefuseAMissingOrOverlongHeader() {
        assertThat(WebhookSignature.parse(null)).isNull();
        assertThat(WebhookSignature.parse("t=1," + " ".repeat(WebhookSignature.MAX_HEADER_CHARS) + "v1=" + HEX))
            .isNull();
    }

    @Test
    void shouldMatchTheSignatureAProviderMakesOfTheTimestampAndBody() {
        String body = "{\"payment_id\":\"pay_1\"}";
        Instant signedAt = Instant.ofEpochSecond(1_700_000_000L);
        WebhookSignature signature = WebhookSignature.parse(
            CheckoutProvider.signature(CheckoutProvider.SECRET, signedAt, body));

        assertThat(signature.matches(CheckoutProvider.SECRET, body.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(signature.matches(CheckoutProvider.SECRET, (body + " ").getBytes(StandardCharsets.UTF_8)))
            .isFalse();
        assertThat(new WebhookSignature(signature.timestampSeconds() + 1, signature.signatureHex())
            .matches(CheckoutProvider.SECRET, body.getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(signature.matches("another-secret-0123456789".getBytes(StandardCharsets.US_ASCII),
            body.getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
