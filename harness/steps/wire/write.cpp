// write: frames from the raw peer to the implementation (one message, or commands).
#include "steps/wire/wire_fields.hpp"

namespace zconform::steps {
namespace {

struct Write final : StepOf<Write> {
  static constexpr const char* kName = "write";
  static constexpr const char* kSummary =
      "Writes one message (MORE on all its frames but the last) or commands. A frame: \"text\", "
      "{body|hex|size}, "
      "{command: NAME, ttl, context, topic, reason, username, password, properties, data}, plus "
      "the lies more, long, "
      "declared_size, reserved, as_message, flags, truncate.";
  static constexpr bool kRawPeer = true;

  std::vector<WireFrameSpec> frames;

  static Shorthand shorthand() { return Shorthand::sequence_is("frames"); }
  static Fields<Write> fields() {
    return {field::custom<Write>(
                "frames", "list of frames to write", "the frames, in order",
                [](const StepLoad& load, const YAML::Node& node, Write& s) {
                  if (!node.IsSequence() || node.size() == 0) {
                    load.fail(node, "'write' takes a list of frames (one message, or commands)");
                  }
                  for (const auto& f : node) s.frames.push_back(read_write_frame(load.reader, f));
                })
                .required()};
  }

  void play(CaseContext& cx) const override {
    WirePeer& wire = wire_peer(cx);
    cx.note("write");
    const size_t last_message_frame = last_message_index(frames);
    std::vector<zmtp::Frame> built;
    for (size_t i = 0; i < frames.size(); ++i) {  // all checked before anything is written
      built.push_back(wire_frame(frames[i], !frames[i].command && i < last_message_frame));
      require_zws_form(wire, wire.cannot_write(built.back()));
    }
    for (size_t i = 0; i < frames.size(); ++i) {
      if (!wire.write(built[i], frames[i].truncate, cx.steps_deadline)) {
        wire_fail(cx, {},
                  "the raw peer writes frame " + std::to_string(i + 1) + " of " +
                      std::to_string(frames.size()),
                  "the implementation closed the connection first");
      }
    }
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(write, Write)

}  // namespace zconform::steps
