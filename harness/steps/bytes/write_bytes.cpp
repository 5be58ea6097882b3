// write_bytes: the plain TCP peer ('peer: bytes') writes data, with nothing around it.
#include "run/wire_session.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct WriteBytes final : StepOf<WriteBytes> {
  static constexpr const char* kName = "write_bytes";
  static constexpr const char* kSummary =
      "The raw peer writes `data` as it is: no greeting, no framing (a plain TCP peer of a STREAM "
      "socket).";
  static constexpr bool kRawPeer = true;

  std::string data;

  static Shorthand shorthand() { return Shorthand::scalar_is("data"); }
  static Fields<WriteBytes> fields() {
    return {field::bytes("data", &WriteBytes::data, "the octets written").required()};
  }

  void play(CaseContext& cx) const override {
    WirePeer& wire = wire_peer(cx);
    cx.note("write " + std::to_string(data.size()) + " octets");
    if (!wire.write_bytes(data, cx.steps_deadline))
      cx.fail("the raw peer writes " + std::to_string(data.size()) + " octets",
              "the connection is closed");
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(write_bytes, WriteBytes)

}  // namespace zconform::steps
