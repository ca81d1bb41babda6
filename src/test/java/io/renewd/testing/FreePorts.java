package io.renewd.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers the tests start. Picked below the kernel's ephemeral range (32768 and up on Linux), where a port
 * the JDK hands out for "any free port" lies: between the pick and the server's bind, any outgoing connection (a
 * Kafka or JDBC client of another process) could take such a port and the server fails with "Address already in use".
 */
public final class FreePorts {

    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;

    private FreePorts() {
    }

    /** A port nothing listens on now, on any address. */
    public static int next() {
        for (int i = 0; i < 200; i++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
            try (var socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // Someone listens there: try another.
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + LAST);
    }
}
