// recv_into: zmq_recv into a buffer of a given size. libzmq copies at most that many octets of
// the frame and returns the frame's whole size, so a caller can tell that it lost the rest
// (zmq_recv(3): "the message may be truncated ... returns the number of bytes in the message").
// An optional operation: agents of bindings without such a call answer unsupported.
#include "protocol/base64.hpp"
#include "run/frame_text.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct RecvInto final : StepOf<RecvInto> {
  static constexpr const char* kName = "recv_into";
  static constexpr const char* kSummary =
      "Receives one frame into a buffer of `size` octets (zmq_recv): expects the octets copied "
      "(the first `size` of the frame), the frame's whole size as the call returns it, and "
      "whether more frames follow.";

  std::string socket;
  int size = 0;
  std::string bytes;
  int message_size = 0;
  bool more = false;

  static Fields<RecvInto> fields() {
    return {
        field::socket("socket", &RecvInto::socket, "the receiving socket").required(),
        field::integer("size", &RecvInto::size, 0, 1 << 20, "the buffer's length").required(),
        field::bytes("bytes", &RecvInto::bytes, "the octets expected in the buffer").required(),
        field::integer("message_size", &RecvInto::message_size, 0, 1 << 24,
                       "the frame's whole size, which the call returns")
            .required(),
        field::boolean("more", &RecvInto::more, "more frames of the message follow"),
    };
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if (bytes.size() != static_cast<size_t>(std::min(size, message_size)))
      load.fail(map, "'bytes' holds min(size, message_size) octets: what fits in the buffer");
  }

  void declare(StepEffects& effects) const override {
    if (!more) effects.turn(socket, false);
  }

  void play(CaseContext& cx) const override {
    SocketSlot& s = cx.slot(socket);
    cx.note("recv_into on " + s.name);
    Reply r = cx.call(s, "recv_into", {{"size", size}, {"timeout_ms", cx.remaining_ms()}});
    const std::string expected = "a frame of " + std::to_string(message_size) + " octets, " +
                                 describe_frames({bytes}) + " in a buffer of " +
                                 std::to_string(size) + (more ? ", more to come" : ", the last");
    cx.expect_ok(r, "recv_into on " + s.name);
    auto copied = protocol::base64_decode(r.body.value("bytes", std::string("?")));
    if (!copied || !r.body.contains("message_size") || !r.body["message_size"].is_number_integer())
      throw CaseStop{Verdict::error, "a recv_into reply with bytes and message_size",
                     r.body.dump()};
    const auto reported = r.body["message_size"].get<long long>();
    const bool more_seen = r.body.value("more", false);
    const std::string actual = "a frame of " + std::to_string(reported) + " octets, " +
                               describe_frames({*copied}) + " in the buffer" +
                               (more_seen ? ", more to come" : ", the last");
    cx.observe("recv_into_" + s.name,
               {{"size", size}, {"copied", copied->size()}, {"message_size", reported}});
    if (*copied != bytes || reported != message_size || more_seen != more)
      cx.fail(expected, actual);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(recv_into, RecvInto)

}  // namespace zconform::steps
