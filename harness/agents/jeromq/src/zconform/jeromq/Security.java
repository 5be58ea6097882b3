package zconform.jeromq;

import java.util.Set;

/**
 * Why the security operations and options of PROTOCOL.md are unsupported with JeroMQ 0.3.6: it
 * speaks ZMTP 1.0 and 2.0 only, with no security mechanism (zmq.StreamEngine's handshake is the
 * greeting and nothing after it; the jar has no mechanism, ZAP client or Z85 class), and
 * zmq.Options.setSocketOpt knows none of ZMQ_PLAIN_* (44-46), ZMQ_CURVE_* (47-50), ZMQ_ZAP_DOMAIN
 * (55) or ZMQ_ZAP_ENFORCE_DOMAIN (93): its switch ends in EINVAL for them. PLAIN, CURVE and ZAP
 * came with JeroMQ 0.4 (zeromq/jeromq#267).
 */
final class Security {
    static final Set<String> OPS = Set.of("zap_handler", "zap_release", "zap_requests", "curve_keypair",
                                          "curve_public", "z85_encode", "z85_decode");

    private static final Set<String> OPTIONS = Set.of("plain_server", "plain_username", "plain_password",
                                                      "curve_server", "curve_publickey", "curve_secretkey",
                                                      "curve_serverkey", "zap_domain", "zap_enforce_domain");

    private Security() {}

    static boolean isOption(String name) {
        return OPTIONS.contains(name);
    }

    static AgentError unsupportedOp(String op) {
        if (op.startsWith("z85_"))
            return AgentError.unsupported("JeroMQ 0.3.6 has no Z85 codec (no zmq_z85_encode/decode; Z85 came with CURVE in 0.4)");
        if (op.startsWith("curve_"))
            return AgentError.unsupported("JeroMQ 0.3.6 has no CURVE (no zmq_curve_keypair/zmq_curve_public): it speaks ZMTP 2.0 without security mechanisms");
        return AgentError.unsupported("JeroMQ 0.3.6 has no ZAP (RFC 27): its ZMTP 2.0 sessions have no security mechanism and never ask a handler on inproc://zeromq.zap.01");
    }

    static AgentError unsupportedOption(String name) {
        return AgentError.unsupported("socket option '" + name + "' is not in JeroMQ 0.3.6: it has no PLAIN, CURVE or ZAP "
                                      + "(zmq.Options.setSocketOpt answers EINVAL; ZMTP 2.0 without security mechanisms)");
    }
}
