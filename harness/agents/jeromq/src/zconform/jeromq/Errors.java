package zconform.jeromq;

import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;
import org.zeromq.ZMQException;
import zmq.SocketBase;
import zmq.ValueReference;
import zmq.ZError;

/**
 * JeroMQ's failures as errno names. JeroMQ reports them three ways: a false/null return with the
 * number in SocketBase.errno() (its own numbers, BSD-like: EAGAIN is 35, not Linux's 11), a
 * ZMQException carrying such a number, or a plain Java exception (IllegalArgumentException where
 * libzmq says EINVAL, ...), which translate() maps back the way pyzmq's agent maps zmq.Again.
 */
final class Errors {
    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        NAMES.put(ZError.EINTR, "EINTR");
        NAMES.put(ZError.EACCESS, "EACCES");
        NAMES.put(ZError.EFAULT, "EFAULT");
        NAMES.put(ZError.EINVAL, "EINVAL");
        NAMES.put(ZError.EAGAIN, "EAGAIN");
        NAMES.put(ZError.EINPROGRESS, "EINPROGRESS");
        NAMES.put(ZError.EPROTONOSUPPORT, "EPROTONOSUPPORT");
        NAMES.put(ZError.ENOTSUP, "ENOTSUP");
        NAMES.put(ZError.EADDRINUSE, "EADDRINUSE");
        NAMES.put(ZError.EADDRNOTAVAIL, "EADDRNOTAVAIL");
        NAMES.put(ZError.ENETDOWN, "ENETDOWN");
        NAMES.put(ZError.ENOBUFS, "ENOBUFS");
        NAMES.put(ZError.EISCONN, "EISCONN");
        NAMES.put(ZError.ENOTCONN, "ENOTCONN");
        NAMES.put(ZError.ECONNREFUSED, "ECONNREFUSED");
        NAMES.put(ZError.EHOSTUNREACH, "EHOSTUNREACH");
        NAMES.put(ZError.ENOTSOCK, "ENOTSOCK");
        NAMES.put(ZError.EFSM, "EFSM");
        NAMES.put(ZError.ENOCOMPATPROTO, "ENOCOMPATPROTO");
        NAMES.put(ZError.ETERM, "ETERM");
        NAMES.put(ZError.EMTHREAD, "EMTHREAD");
        NAMES.put(ZError.EMFILE, "EMFILE");
        // ZError.EIOEXC and ESOCKET (a Java IOException inside JeroMQ) have no errno: EUNKNOWN.
    }

    // SocketBase never clears errno, so a call that fails without setting it (an inproc connect
    // to an unbound name, an unbind of an unknown endpoint) would report whatever an earlier
    // call left there. errno is protected and has no setter: clear() reaches it by reflection.
    private static final Field ERRNO = errnoField();

    private Errors() {}

    private static Field errnoField() {
        try {
            Field field = SocketBase.class.getDeclaredField("errno");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("zconform-agent-jeromq: cannot clear SocketBase.errno (" + e
                               + "); errors of calls that set none may name an earlier one");
            return null;
        }
    }

    /** Clears the socket's errno before a call, so that errno() names this call's failure only. */
    @SuppressWarnings("unchecked")
    static void clear(SocketBase socket) {
        if (ERRNO == null) return;
        try {
            ((ValueReference<Integer>) ERRNO.get(socket)).set(0);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static String name(int number) {
        return NAMES.getOrDefault(number, "EUNKNOWN");
    }

    /** The error of a call that returned false or null: the errno the socket holds. */
    static AgentError last(SocketBase socket, String call) {
        int number = socket.errno();
        if (number == 0)
            return AgentError.error("EUNKNOWN", "JeroMQ's " + call + " failed without setting an errno");
        String name = name(number);
        String text = ZError.toString(number);  // JeroMQ describes only its own numbers
        if (name.equals("EUNKNOWN")) return AgentError.error(name, call + " failed: JeroMQ errno " + number);
        return AgentError.error(name, call + " failed: " + (text.isEmpty() ? name : text));
    }

    /** A Java exception JeroMQ threw, as the errno libzmq reports for the same failure. */
    static AgentError translate(RuntimeException e) {
        String what = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (e instanceof ZMQException) {
            return AgentError.error(name(((ZMQException) e).getErrorCode()), what);
        }
        if (e instanceof ZError.CtxTerminatedException) {
            return AgentError.error("ETERM", "the context was terminated (" + what + ")");
        }
        if (e instanceof UnsupportedOperationException) {
            // Sending on a SUB or PULL, receiving on a PUB or PUSH: the socket type has no xsend/xrecv.
            return AgentError.error("ENOTSUP", what);
        }
        if (e instanceof IllegalArgumentException) {  // bad option values, malformed endpoints, ...
            return AgentError.error("EINVAL", what);
        }
        if (e instanceof IllegalStateException) {
            String message = String.valueOf(e.getMessage());
            if (message.equals("EMTHREAD") || message.equals("Empty IO Thread"))
                return AgentError.error("EMTHREAD", what);  // no I/O thread for tcp
            if (message.equals("EMFILE")) return AgentError.error("EMFILE", what);  // max_sockets reached
            // REP's "Cannot send another reply" / "Cannot receive another request": libzmq's EFSM.
            return AgentError.error("EFSM", what);
        }
        return AgentError.error("EINTERNAL", "unexpected exception from JeroMQ: " + what);
    }
}
