package io.renewd.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy in front of the test SMTP server that, when armed, drops the server's greeting line
 * on the next connection, as a mail client does that starts listening too late: the client then
 * waits for a greeting that never comes. Otherwise it passes everything. Binds to 127.0.0.1;
 * daemon threads.
 */
public final class GreetingSwallowingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final AtomicBoolean armed = new AtomicBoolean();

    public GreetingSwallowingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("smtp-proxy").start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The next connection loses the server's greeting. */
    public void swallowNextGreeting() {
        armed.set(true);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                boolean swallowGreeting = armed.getAndSet(false);
                Thread.ofPlatform().daemon().start(() -> pump(client, server, false));
                Thread.ofPlatform().daemon().start(() -> pump(server, client, swallowGreeting));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, boolean dropFirstLine) {
        try (InputStream in = new BufferedInputStream(from.getInputStream()); OutputStream out = new BufferedOutputStream(to.getOutputStream())) {
            boolean dropping = dropFirstLine;
            for (int b; (b = in.read()) >= 0; ) {
                if (dropping) {
                    dropping = b != '\n';
                    continue;
                }
                out.write(b);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (IOException gone) {
            // one side closed: the other follows
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
