"""poll and proxy (PROTOCOL.md): operations over several sockets, run on a thread of their own with
the sockets borrowed from their actors (socket_loan.py)."""
import threading

import zmq

from replies import AgentError, BadRequest
from socket_loan import SocketLoan

EVENT_BITS = {"POLLIN": zmq.POLLIN, "POLLOUT": zmq.POLLOUT, "POLLERR": zmq.POLLERR}


def poll_handles(request):
    items = request.get("items")
    if not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
        raise BadRequest("field 'items' must be a non-empty list of {socket, events}")
    return [item.get("socket") for item in items]


def proxy_handles(request):
    handles = [request.get("frontend"), request.get("backend")]
    handles += [request[f] for f in ("capture", "control") if request.get(f) is not None]
    if not all(isinstance(h, str) for h in handles):
        raise BadRequest("frontend, backend, capture and control name sockets")
    return handles


def run_poll(request, sockets):
    poller = zmq.Poller()
    for item in request["items"]:
        bits = 0
        for name in item.get("events") or []:
            if name not in EVENT_BITS:
                raise BadRequest(f"poll events are POLLIN, POLLOUT or POLLERR, not {name!r}")
            bits |= EVENT_BITS[name]
        poller.register(sockets[item["socket"]], bits)
    timeout = request.get("timeout_ms", -1)
    ready = dict(poller.poll(None if timeout is None or timeout < 0 else timeout))
    reported = []
    for item in request["items"]:
        bits = ready.get(sockets[item["socket"]], 0)
        reported.append({"socket": item["socket"], "events": [n for n, b in EVENT_BITS.items() if bits & b]})
    return {"items": reported, "count": len(ready)}


def run_proxy(request, sockets):
    frontend, backend = sockets[request["frontend"]], sockets[request["backend"]]
    capture = sockets.get(request.get("capture"))
    if request.get("control") is not None:
        zmq.proxy_steerable(frontend, backend, capture, sockets[request["control"]])
    else:
        zmq.proxy(frontend, backend, capture)
    return {}


def start(request, actors, writer):
    """Queues the loans now (in request order, on the reader thread), runs the operation later."""
    poll = request["op"] == "poll"
    handles = poll_handles(request) if poll else proxy_handles(request)
    loans = {}
    for handle in handles:
        if handle in loans:
            continue  # one loan per socket: a second would never be served
        loans[handle] = loan = SocketLoan()
        actor = actors.get(handle)
        if actor is None or not actor.lend(loan):
            loan.refuse()

    def operate():
        sockets = {}
        for handle, loan in loans.items():
            sockets[handle] = loan.await_socket()
            if sockets[handle] is None:
                raise AgentError("ENOTSOCK", f"no open socket '{handle}'")
        return run_poll(request, sockets) if poll else run_proxy(request, sockets)

    def run():
        try:
            writer.reply(request["id"], operate)
        finally:
            for loan in loans.values():
                loan.give_back()

    threading.Thread(target=run, daemon=True).start()
