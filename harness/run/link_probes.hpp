#pragma once
// Linking where the handshake cannot be seen. Where an end of a link reports no
// HANDSHAKE_SUCCEEDED (JeroMQ 0.3, jszmq, libzmq builds without draft APIs), a connection event
// says little (a binder may not have attached the peer's pipe yet) or nothing is reported at all.
// A message that crosses the link proves it is up at both ends: the sender had a pipe to put it
// in, the receiver read it from one. Probes are the harness's own traffic: any left in flight is
// skipped on receipt (messaging.cpp), like the sync probes of publish-subscribe links.
#include <string>

#include "protocol/messages.hpp"
#include "run/case_context.hpp"

namespace zconform {

inline const std::string kLinkPrefix = "\xFFzconform-link/";

// Whether a message is a link probe (its last frame, after any envelope).
bool is_link_probe(const protocol::Frames& frames);

// A REP (or a ROUTER facing a REQ) that received a probe answers it, so that it is back in its
// first state; the answer is a probe too, skipped by whoever reads it.
void answer_link_probe(CaseContext& cx, SocketSlot& s, const protocol::Frames& probe);

// Ends the case where either socket's agent reports a HANDSHAKE_FAILED_* event on it: a probe
// waited for across a failed handshake would only run into the case deadline (zeromq.js facing
// jszmq on ws fails its handshake at once and retries forever).
void stop_on_failed_handshake(CaseContext& cx, const SocketSlot& from, const SocketSlot& to);

// Whether `link` must prove a link with probes (never on inproc, where connect makes the pipes):
// where an end reports no HANDSHAKE_SUCCEEDED, and
// on ws, where libzmq 4.3.4 reports it before the session attaches the pipe (ws_engine.cpp:279
// emits it in handshake(); stream_engine_base.cpp:259 calls engine_ready() after it returns).
bool needs_link_probe(const CaseContext& cx, const SocketSlot& binder, const SocketSlot& connector);

// Sends probes across the link between `binder` and `connector` until one arrives, choosing a
// direction in which it can reach no other socket where one exists. Publish-subscribe links are
// left to their own sync (subscriptions.hpp). Says in the result how the link was proved, or that
// no probe could be sent (a REP with no REQ to ask it, a REQ with several peers).
// `after_reconnection`: the sender may still hold the old connection's pipe, so probes are sent
// until one arrives even where one would otherwise do.
void probe_link(CaseContext& cx, SocketSlot& binder, SocketSlot& connector,
                bool after_reconnection = false);

}  // namespace zconform
