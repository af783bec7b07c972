package io.onecard.ops.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free loopback ports for servers that cannot take port zero (SIP listens on UDP and TCP at one port). */
public final class Ports {
    private static final int TRIES = 200;

    private Ports() {
    }

    /** A port that is free for both UDP and TCP on loopback right now. */
    public static int freeUdpAndTcp() {
        for (int i = 0; i < TRIES; i++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("no free UDP and TCP port found in " + TRIES + " tries");
    }
}
