package zconform.jeromq;

import java.util.ArrayList;
import java.util.List;
import zmq.Msg;
import zmq.SocketBase;
import zmq.ZError;
import zmq.ZMQ;

/**
 * send and recv of whole messages. A wait of at most timeout_ms is JeroMQ's own: the socket's
 * SNDTIMEO/RCVTIMEO is set to it for the call and restored after, so the wait happens inside
 * SocketBase.send/recv, where ctx_term can interrupt it with ETERM, and a socket in the wrong
 * state still answers EFSM at once rather than look merely not ready.
 */
final class MessageIo {
    private MessageIo() {}

    private interface Body<T> {
        T run();
    }

    /** dontwait, or timeout_ms: -1 (or absent) blocks as the socket's SNDTIMEO says. */
    static void send(SocketBase socket, List<byte[]> frames, boolean dontwait, long timeoutMs) {
        long timeout = dontwait ? 0 : timeoutMs;
        withTimeout(socket, ZMQ.ZMQ_SNDTIMEO, timeout, () -> {
            for (int i = 0; i < frames.size(); i++) {
                int flags = i + 1 < frames.size() ? ZMQ.ZMQ_SNDMORE : 0;
                // The message is taken or refused as a whole at its first frame: only it may not wait.
                if (i == 0 && timeout == 0) flags |= ZMQ.ZMQ_DONTWAIT;
                Errors.clear(socket);
                if (!socket.send(new Msg(frames.get(i)), flags)) throw Errors.last(socket, "send");
            }
            return null;
        });
    }

    /** timeout_ms: -1 blocks as the socket's RCVTIMEO says, 0 does not wait, > 0 waits at most that long. */
    static List<byte[]> recv(SocketBase socket, long timeoutMs) {
        return withTimeout(socket, ZMQ.ZMQ_RCVTIMEO, timeoutMs, () -> {
            List<byte[]> frames = new ArrayList<>();
            Msg frame;
            do {
                // The rest of a message is there with its first frame: only the first may not wait.
                int flags = frames.isEmpty() && timeoutMs == 0 ? ZMQ.ZMQ_DONTWAIT : 0;
                Errors.clear(socket);
                frame = socket.recv(flags);
                if (frame == null) throw Errors.last(socket, "recv");
                frames.add(frame.data());
            } while (frame.hasMore());
            return frames;
        });
    }

    private static <T> T withTimeout(SocketBase socket, int option, long timeoutMs, Body<T> body) {
        if (timeoutMs <= 0) return body.run();  // -1: the socket's own timeout; 0: DONTWAIT
        Object saved = socket.getsockoptx(option);
        socket.setSocketOpt(option, (int) Math.min(timeoutMs, Integer.MAX_VALUE));
        try {
            return body.run();
        } finally {
            try {
                socket.setSocketOpt(option, saved);
            } catch (ZError.CtxTerminatedException e) {
                // The context was terminated during the wait: the socket only awaits its close.
            }
        }
    }
}
