package io.onecard.core.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The ledger's digest check must accept exactly the responses that RFC 2617 computes, whatever the input. */
class SipDigestTest {
    private static final long CARD = 9000001234567893L;

    private static String response(String ha1Hex, String input) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        return HexFormat.of().formatHex(md5.digest((ha1Hex + input).getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void shouldAcceptTheRightResponseAndRefuseAnyOther() throws Exception {
        PinSecret secret = new PinSecret(new byte[32]);
        byte[] salt = new byte[16];
        byte[] sealed = new byte[16];
        secret.sealHa1(CARD, salt, "2468", sealed);
        String ha1 = SipDigest.md5Hex(CARD + ":" + SipDigest.REALM + ":2468");
        SipDigest digest = new SipDigest(secret);
        String[] inputs = {":nonce:00000001:cnonce:auth:" + "a".repeat(32), ":n\u00e9:1:\ud83d\ude00:\ud800:x",
            ":" + "n".repeat(600)};
        for (String input : inputs) {
            String right = response(ha1, input);
            assertThat(digest.verify(CARD, salt, sealed, input, right)).isTrue();
            assertThat(digest.verify(CARD, salt, sealed, input, right.toUpperCase())).isTrue();
            assertThat(digest.verify(CARD, salt, sealed, input + "x", right)).isFalse();
            assertThat(digest.verify(CARD, salt, sealed, input, response(ha1 + "0", input).substring(1) + "0"))
                .isFalse();
        }
        assertThat(digest.verify(CARD, salt, sealed, null, response(ha1, ""))).isFalse();
    }
}
