package zconform.jeromq;

/**
 * Why a request did not succeed, as the reply will say it (PROTOCOL.md "Replies"): an errno name
 * ({@code EAGAIN}, {@code EBADREQUEST}, ...) for status {@code error}, or no name for status
 * {@code unsupported}, where the message is the reason.
 */
final class AgentError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The errno name; null when the implementation cannot do this at all (unsupported). */
    final String errnoName;

    private AgentError(String errnoName, String message) {
        super(message);
        this.errnoName = errnoName;
    }

    static AgentError error(String errnoName, String message) {
        return new AgentError(errnoName, message);
    }

    static AgentError unsupported(String reason) {
        return new AgentError(null, reason);
    }

    /** The request itself is malformed: a field missing or of the wrong JSON type. */
    static AgentError badRequest(String message) {
        return new AgentError("EBADREQUEST", message);
    }

    boolean isUnsupported() {
        return errnoName == null;
    }
}
