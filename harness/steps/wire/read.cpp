// read: frames expected from the implementation, in order, MORE and reserved bits checked.
#include "steps/wire/wire_fields.hpp"
#include "zmtp/command.hpp"
#include "zmtp/describe.hpp"

namespace zconform::steps {
namespace {

std::string describe_expect(const WireFrameExpect& e) {
  std::string text = e.command ? "COMMAND " + *e.command : "message frame";
  if (e.body) text += (e.command ? " data=" : " body=") + zmtp::describe_bytes(*e.body);
  if (e.size >= 0) text += " of " + std::to_string(e.size) + " octets";
  if (e.more) text += *e.more ? " with MORE" : " without MORE";
  if (e.long_size) text += *e.long_size ? ", 8-octet size" : ", 1-octet size";
  return text;
}

struct Read final : StepOf<Read> {
  static constexpr const char* kName = "read";
  static constexpr const char* kSummary =
      "Reads frames from the implementation and checks each: the forms of `write` frames, {any: "
      "true, size: N}, and "
      "`long: true|false`; MORE (by default on all frames of a message but the last) and reserved "
      "bits (FRAME-01).";
  static constexpr bool kRawPeer = true;

  std::vector<WireFrameExpect> frames;
  WireCheck on_failure;

  static Shorthand shorthand() { return Shorthand::sequence_is("frames"); }
  static Fields<Read> fields() {
    return {
        field::custom<Read>("frames", "list of expected frames", "the frames, in order",
                            [](const StepLoad& load, const YAML::Node& node, Read& s) {
                              if (!node.IsSequence() || node.size() == 0)
                                load.fail(node, "'read' takes a list of expected frames");
                              for (const auto& f : node)
                                s.frames.push_back(read_expected_frame(load.reader, f));
                            })
            .required(),
        within_field(&Read::on_failure),
        otherwise_field(&Read::on_failure),
    };
  }

  void play(CaseContext& cx) const override {
    wire_peer(cx);
    cx.note("read");
    const size_t last_message_frame = last_message_index(frames);
    for (size_t i = 0; i < frames.size(); ++i) {
      const WireFrameExpect& e = frames[i];
      const std::string wanted = describe_expect(e) + " (frame " + std::to_string(i + 1) + " of " +
                                 std::to_string(frames.size()) + ")";
      zmtp::DecodedFrame f = wire_next(cx, on_failure, wanted);
      const std::string got = zmtp::describe_frame(f);
      if (f.reserved_bits)
        wire_fail(cx, on_failure,
                  wanted + ", reserved flag bits zero (FRAME-01; inside a CURVE MESSAGE, CURVE-03)",
                  got);
      if (f.command != e.command.has_value()) wire_fail(cx, on_failure, wanted, got);
      std::string body = f.body;
      if (e.command) {
        std::string error;
        auto c = zmtp::parse_command_body(f.body, error);
        if (!c || c->name != *e.command) wire_fail(cx, on_failure, wanted, got);
        body = c->data;
      }
      if (e.body && body != *e.body) wire_fail(cx, on_failure, wanted, got);
      if (e.size >= 0 && body.size() != static_cast<size_t>(e.size))
        wire_fail(cx, on_failure, wanted, got);
      const bool more = e.more.value_or(!e.command && i < last_message_frame);
      if (f.more != more) {
        wire_fail(cx, on_failure,
                  wanted + (more ? " (MORE: more frames of the message follow)"
                                 : " (no MORE: the last frame)"),
                  got);
      }
      if (e.long_size && f.is_long != *e.long_size) wire_fail(cx, on_failure, wanted, got);
    }
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(read, Read)

}  // namespace zconform::steps
