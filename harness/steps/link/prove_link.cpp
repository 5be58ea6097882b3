// prove_link: after a reconnection, a probe crosses the link where the handshake event says too
// little (ws: libzmq reports it before the new pipe exists).
#include "run/link_probes.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct ProveLink final : StepOf<ProveLink> {
  static constexpr const char* kName = "prove_link";
  static constexpr const char* kSummary =
      "Where `link` would prove a link with probes (on ws, where libzmq reports "
      "HANDSHAKE_SUCCEEDED before the pipe exists, and where an end reports no handshake), sends "
      "probes across the linked sockets until one arrives; elsewhere does nothing. For after a "
      "reconnection, once the handshake events are awaited; not where messages of the old "
      "connection are still unread (the probe would queue behind them).";

  std::vector<std::string> sockets;

  static Shorthand shorthand() { return Shorthand::sequence_is("sockets"); }
  static Fields<ProveLink> fields() {
    return {
        field::sockets("sockets", &ProveLink::sockets, 2, "a socket of role A and one of role B")
            .required()};
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if (sockets.size() != 2) load.fail(map, "'prove_link' takes two socket names: [a, b]");
    if (load.scenario.sockets.at(sockets[0]) == load.scenario.sockets.at(sockets[1])) {
      load.fail(map, "'prove_link' takes a socket of role A and one of role B");
    }
  }

  void play(CaseContext& cx) const override {
    SocketSlot& x = cx.slot(sockets[0]);
    SocketSlot& y = cx.slot(sockets[1]);
    SocketSlot& binder = x.role == cx.spec.binder ? x : y;
    SocketSlot& connector = x.role == cx.spec.binder ? y : x;
    cx.note("prove_link " + x.name + " " + y.name);
    if (needs_link_probe(cx, binder, connector))
      probe_link(cx, binder, connector, /*after_reconnection=*/true);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(prove_link, ProveLink)

}  // namespace zconform::steps
