// close: closes a socket.
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Close final : StepOf<Close> {
  static constexpr const char* kName = "close";
  static constexpr const char* kSummary =
      "Closes the socket (zmq_close); its monitor events stay in the report.";

  std::string socket;

  static Shorthand shorthand() { return Shorthand::scalar_is("socket"); }
  static Fields<Close> fields() {
    return {field::socket("socket", &Close::socket, "the socket").required()};
  }

  void play(CaseContext& cx) const override {
    SocketSlot& s = cx.slot(socket);
    cx.note("close " + s.name);
    cx.expect_ok(cx.call(s, "close", Json::object()), "close of " + s.name);
    s.handle.clear();
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(close, Close)

}  // namespace zconform::steps
