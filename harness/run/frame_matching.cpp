#include "run/frame_matching.hpp"

#include "run/frame_text.hpp"
#include "zmtp/describe.hpp"

namespace zconform {

Frames resolve(CaseContext& cx, const FrameSpecs& specs, int n) {
  Frames frames;
  for (const auto& f : specs) {
    switch (f.kind) {
      case FrameSpec::Kind::literal: frames.push_back(substitute_number(f.bytes, n)); break;
      case FrameSpec::Kind::routing_id: {
        const SocketSlot& named = cx.slot(f.name);
        if (!named.routing_id) {
          throw CaseStop{
              Verdict::error, "a known routing id for socket " + f.name,
              "none set or learned (set routing_id, or capture the id a ROUTER received)"};
        }
        frames.push_back(*named.routing_id);
        break;
      }
      case FrameSpec::Kind::variable: {
        auto it = cx.variables.find(f.name);
        if (it == cx.variables.end())
          throw CaseStop{Verdict::error, "variable '" + f.name + "' captured earlier",
                         "never captured"};
        frames.push_back(it->second);
        break;
      }
      case FrameSpec::Kind::capture:
      case FrameSpec::Kind::any:
        throw CaseStop{Verdict::error, "frames to send",
                       "a capture/any pattern can only be received"};
    }
  }
  return frames;
}

std::string describe(CaseContext& cx, const FrameSpecs& specs, int n) {
  Frames shown;
  for (const auto& f : specs) {
    if (f.kind == FrameSpec::Kind::capture || f.kind == FrameSpec::Kind::any) {
      shown.push_back(
          "<any" + (f.size >= 0 ? " of " + std::to_string(f.size) + " bytes" : std::string()) +
          (f.prefix.empty() ? std::string() : " starting " + zmtp::hex(f.prefix)) + ">");
    } else if (f.kind == FrameSpec::Kind::routing_id && !cx.slot(f.name).routing_id) {
      shown.push_back("<routing id of " + f.name + ">");
    } else {
      shown.push_back(resolve(cx, {f}, n).front());
    }
  }
  return describe_frames(shown);
}

std::string mismatch(CaseContext& cx, const FrameSpecs& expected, const Frames& got, int n) {
  if (expected.size() != got.size()) {
    return std::to_string(expected.size()) + " frames expected, " + std::to_string(got.size()) +
           " received";
  }
  std::map<std::string, std::string> captured;
  std::map<std::string, std::string>
      learned_ids;  // socket -> the routing id the receiver sees for it
  for (size_t i = 0; i < expected.size(); ++i) {
    const FrameSpec& f = expected[i];
    const std::string where =
        "frame " + std::to_string(i + 1) + " of " + std::to_string(got.size());
    if (f.kind == FrameSpec::Kind::capture || f.kind == FrameSpec::Kind::any) {
      if (f.size >= 0 && got[i].size() != static_cast<size_t>(f.size)) {
        return where + " has " + std::to_string(got[i].size()) + " bytes, " +
               std::to_string(f.size) + " expected";
      }
      if (got[i].compare(0, f.prefix.size(), f.prefix) != 0) {
        return where + " starts " + zmtp::hex(got[i].substr(0, f.prefix.size())) + ", " +
               zmtp::hex(f.prefix) + " expected";
      }
      if (f.kind == FrameSpec::Kind::capture) captured[f.name] = got[i];
      continue;
    }
    if (f.kind == FrameSpec::Kind::routing_id && !cx.slot(f.name).routing_id) {
      learned_ids[f.name] = got[i];
      continue;
    }
    std::string diff = first_difference({resolve(cx, {f}, n).front()}, {got[i]});
    if (!diff.empty()) return where + ": " + diff;
  }
  // Kept only once the whole message matched.
  for (auto& [name, bytes] : captured) cx.variables[name] = bytes;
  for (auto& [socket, id] : learned_ids) {
    cx.slot(socket).routing_id = id;
    cx.slot(socket).routing_id_learned = true;
  }
  return "";
}

namespace {

FrameSpecs envelope_frames(const CaseContext& cx, const SocketSlot& from, const SocketSlot& to,
                           bool sending) {
  const Envelope envelope = cx.settings.pairings->envelope(from.type, to.type);
  FrameSpecs out;
  for (const auto& e : sending ? envelope.send : envelope.receive) {
    if (e.kind == EnvelopeFrame::Kind::literal)
      out.push_back(FrameSpec::literal(e.bytes));
    else
      out.push_back(
          FrameSpec::named(FrameSpec::Kind::routing_id,
                           e.kind == EnvelopeFrame::Kind::id_of_sender ? from.name : to.name));
  }
  return out;
}

}  // namespace

FrameSpecs envelope_send(const CaseContext& cx, const SocketSlot& from, const SocketSlot& to) {
  return envelope_frames(cx, from, to, true);
}

FrameSpecs envelope_receive(const CaseContext& cx, const SocketSlot& from, const SocketSlot& to) {
  return envelope_frames(cx, from, to, false);
}

std::optional<int> message_number(const FrameSpecs& expected, const Frames& got) {
  if (expected.size() != got.size()) return std::nullopt;
  for (size_t i = 0; i < expected.size(); ++i) {
    if (expected[i].kind == FrameSpec::Kind::literal &&
        expected[i].bytes.find("{n}") != std::string::npos) {
      return number_in(expected[i].bytes, got[i]);
    }
  }
  return std::nullopt;
}

}  // namespace zconform
