"""Lines to the driver (PROTOCOL.md): replies and events, one JSON object per line, written by
any thread under one lock; and the errno names errors travel as."""
import errno
import json
import sys
import threading

import zmq

# libzmq's own error numbers, which errno.errorcode does not know.
_ZMQ_ERRORS = {zmq.EFSM: "EFSM", zmq.ETERM: "ETERM", zmq.ENOCOMPATPROTO: "ENOCOMPATPROTO",
               zmq.EMTHREAD: "EMTHREAD"}


class Unsupported(Exception):
    """The implementation cannot do this: the driver makes the case UNSUPPORTED."""


class BadRequest(Exception):
    """The request itself is malformed (EBADREQUEST)."""


class AgentError(Exception):
    """An error with an errno name the driver compares (ENOTSOCK for an unknown handle, ...)."""

    def __init__(self, name, message):
        super().__init__(message)
        self.name = name


def errno_name(number):
    return _ZMQ_ERRORS.get(number) or errno.errorcode.get(number, "EUNKNOWN")


class Writer:
    def __init__(self, stream=sys.stdout):
        self._stream = stream
        self._lock = threading.Lock()

    def line(self, obj):
        text = json.dumps(obj, separators=(",", ":"))
        with self._lock:
            self._stream.write(text + "\n")
            self._stream.flush()

    def reply(self, request_id, operation):
        """Runs operation() and writes its reply: ok with its fields, or the error it raised."""
        try:
            result = operation() or {}
            self.line({"id": request_id, "status": "ok", **result})
        except zmq.ZMQError as e:
            self.line({"id": request_id, "status": "error", "error": errno_name(e.errno), "message": str(e)})
        except AgentError as e:
            self.line({"id": request_id, "status": "error", "error": e.name, "message": str(e)})
        except Unsupported as e:
            self.line({"id": request_id, "status": "unsupported", "reason": str(e)})
        except (BadRequest, KeyError, TypeError, ValueError) as e:
            self.line({"id": request_id, "status": "error", "error": "EBADREQUEST", "message": str(e)})
        except Exception as e:  # the last guard: every request gets its one reply
            self.line({"id": request_id, "status": "error", "error": "EINTERNAL", "message": f"agent error: {e!r}"})

    def event(self, **fields):
        self.line(fields)
