package zconform.jeromq;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import zmq.SocketBase;
import zmq.TcpAddress;
import zmq.ZMQ;

/** bind, connect, unbind and disconnect, with libzmq's error names. */
final class Endpoints {
    // JeroMQ 0.3.6 parses ipc:// but does not speak it: IpcAddress.resolve maps the path to TCP on
    // 127.0.0.1, port |path.hashCode()| % 55536 + 10000. Nothing else can reach such an endpoint
    // (and it may meet an unrelated port), so the agent refuses ipc rather than pass it off as ipc.
    private static final String IPC_REASON = "JeroMQ 0.3.6 has no ipc transport: it maps ipc:// paths to "
        + "tcp://127.0.0.1 on a port hashed from the path (zmq/IpcAddress.java), which no other implementation "
        + "can reach";

    private Endpoints() {}

    /** Binds and returns the resolved endpoint (ZMQ_LAST_ENDPOINT). */
    static String bind(SocketBase socket, String endpoint) {
        refuseIpc(endpoint);
        String target = endpoint.startsWith("tcp://") && endpoint.endsWith(":*") ? withFreePort(endpoint) : endpoint;
        Errors.clear(socket);
        if (!endpointCall(() -> socket.bind(target))) throw Errors.last(socket, "bind");
        Object resolved = socket.getsockoptx(ZMQ.ZMQ_LAST_ENDPOINT);
        return resolved == null ? target : resolved.toString();
    }

    /**
     * tcp://HOST:* with a port the OS says is free. JeroMQ 0.3.6 cannot tell which port it bound
     * for *: SocketBase.bind lets the OS choose, but LAST_ENDPOINT then says ":0" (TcpListener
     * keeps the address as resolved before the bind), and the endpoint can be unbound only as
     * "...:*". Its own answer, org.zeromq.ZMQ.Socket.bind, tries ports 0xc000, 0xc001, ... until
     * one binds, but every port in use on the way fails with a NullPointerException when the socket
     * is monitored (TcpListener.close reports CLOSED with a null endpoint). So the agent binds an
     * explicit port, which JeroMQ then reports and unbinds like any other. If HOST does not
     * resolve, the endpoint goes to JeroMQ as given, to fail there.
     */
    private static String withFreePort(String endpoint) {
        String host = endpoint.substring("tcp://".length(), endpoint.length() - 2);
        try (ServerSocket probe = new ServerSocket()) {
            InetSocketAddress address = (InetSocketAddress) new TcpAddress(host + ":0").address();
            probe.bind(new InetSocketAddress(address.getAddress(), 0));
            return "tcp://" + host + ":" + probe.getLocalPort();
        } catch (IOException | RuntimeException e) {
            return endpoint;
        }
    }

    static void connect(SocketBase socket, String endpoint) {
        refuseIpc(endpoint);
        Errors.clear(socket);
        if (!endpointCall(() -> socket.connect(endpoint))) throw Errors.last(socket, "connect");
    }

    /** unbind and disconnect: JeroMQ has one call for both, as libzmq 3.2 had (zmq_term_endpoint). */
    static void terminate(SocketBase socket, String endpoint, String op) {
        Errors.clear(socket);
        if (!endpointCall(() -> socket.termEndpoint(endpoint))) throw Errors.last(socket, op);
    }

    private static void refuseIpc(String endpoint) {
        if (endpoint.startsWith("ipc://")) throw AgentError.unsupported(IPC_REASON);
    }

    private interface Call<T> {
        T run();
    }

    /** JeroMQ throws UnsupportedOperationException for a transport it does not know: EPROTONOSUPPORT. */
    private static <T> T endpointCall(Call<T> call) {
        try {
            return call.run();
        } catch (UnsupportedOperationException e) {
            throw AgentError.error("EPROTONOSUPPORT", "JeroMQ does not know the transport: " + e.getMessage());
        }
    }
}
