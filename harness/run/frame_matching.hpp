#pragma once
// Frames as a scenario writes them (FrameSpec) against frames on the wire: resolving what to send
// (numbers, routing ids, captured variables), comparing what arrived (capturing on the way), and
// the envelopes pairings.yaml puts around a body between two socket types.
#include <string>

#include "run/case_context.hpp"

namespace zconform {

// The bytes to send; "{n}" becomes `n` where n >= 0.
Frames resolve(CaseContext& cx, const FrameSpecs& specs, int n = -1);
// Empty when `got` matches (captures and learned routing ids are kept), else what differs.
std::string mismatch(CaseContext& cx, const FrameSpecs& expected, const Frames& got, int n = -1);
// For messages: the frames, with <any> and <routing id of x> where nothing is known yet.
std::string describe(CaseContext& cx, const FrameSpecs& specs, int n = -1);

// pairings.yaml's envelope around a body from `from` to `to`: what the sender prepends, or what
// the receiver sees first.
FrameSpecs envelope_send(const CaseContext& cx, const SocketSlot& from, const SocketSlot& to);
FrameSpecs envelope_receive(const CaseContext& cx, const SocketSlot& from, const SocketSlot& to);

// The number a message carries where the template has "{n}" (in its first numbered frame), if the
// message has the template's shape; whether the rest matches is mismatch()'s business.
std::optional<int> message_number(const FrameSpecs& expected, const Frames& got);

}  // namespace zconform
