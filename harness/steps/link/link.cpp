// link: the binder binds (once), the other connects; both await the handshake; pattern set-up.
#include "run/linking.hpp"
#include "run/subscriptions.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Link final : StepOf<Link> {
  static constexpr const char* kName = "link";
  static constexpr const char* kSummary =
      "The binder of the case binds (once), the other socket connects; both await "
      "HANDSHAKE_SUCCEEDED (tcp/ipc/ws), "
      "then process pending commands. Where an end cannot report the handshake (it then awaits "
      "ACCEPTED or CONNECTED), and on ws, a probe message crosses the link before the next step. "
      "On publish-subscribe pairings the subscriber subscribes (see the scenario's `subscribe`) "
      "and syncs.";

  std::vector<std::string> sockets;

  static Shorthand shorthand() { return Shorthand::sequence_is("sockets"); }
  static Fields<Link> fields() {
    return {field::sockets("sockets", &Link::sockets, 2, "a socket of role A and one of role B")
                .required()};
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if (sockets.size() != 2) load.fail(map, "'link' takes two socket names: [a, b]");
    if (load.scenario.sockets.at(sockets[0]) == load.scenario.sockets.at(sockets[1])) {
      load.fail(map, "'link' joins a socket of role A to one of role B");
    }
  }

  void play(CaseContext& cx) const override {
    SocketSlot& x = cx.slot(sockets[0]);
    SocketSlot& y = cx.slot(sockets[1]);
    cx.note("link " + x.name + " " + y.name);
    if (x.role == cx.spec.binder)
      link(cx, x, y);
    else
      link(cx, y, x);
    pubsub_after_link(cx, x, y);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(link, Link)

}  // namespace zconform::steps
