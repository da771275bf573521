package dev.streamproc.local.cloud.process;

import dev.streamproc.local.cloud.LocalCloudException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers: pick a free one, or fail clearly when a fixed one is taken. */
public final class LoopbackPorts {

    public static final String LOOPBACK = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** A port that was free a moment ago (0 → ask the OS). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalCloudException("cannot find a free port on " + LOOPBACK + ": " + e.getMessage(), e);
        }
    }

    /** {@code port} itself when nonzero and free, a free one when 0; a clear error when taken. */
    public static int resolve(int port, String what) {
        if (port == 0) {
            return freePort();
        }
        requireFree(port, what);
        return port;
    }

    public static void requireFree(int port, String what) {
        if (inUse(port)) {
            throw new LocalCloudException(what + ": port " + port + " on " + LOOPBACK
                    + " is already in use; stop what uses it (is another './streamproc up' running? try './streamproc down')"
                    + " or choose another port");
        }
    }

    public static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** True when something accepts TCP connections on the port. */
    public static boolean accepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
