// no_event: a monitor event must NOT come within a bound ("no reconnection happens").
#include "run/linking.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

using std::chrono::milliseconds;

struct NoEvent final : StepOf<NoEvent> {
  static constexpr const char* kName = "no_event";
  static constexpr const char* kSummary =
      "No new `event` on the socket for `for_ms` from this step on (events seen before do not "
      "count): a bounded check "
      "of absence, e.g. that no reconnection or disconnection happens. Fails at the first such "
      "event, as soon as it "
      "comes; records `no_event_<socket>_<event>_ms`, how long it watched. With `beyond: N` the "
      "count is from the socket's creation instead: no more than N such events in all, before "
      "this step or during it (e.g. one HANDSHAKE_SUCCEEDED per connection).";

  std::string socket;
  std::string event;
  int for_ms = 0;
  int beyond = -1;  // -1: count from this step on

  static Fields<NoEvent> fields() {
    return {
        field::socket("socket", &NoEvent::socket, "the monitored socket").required(),
        field::text("event", &NoEvent::event, "DISCONNECTED, CONNECT_RETRIED, ...", "event name")
            .required(),
        field::integer("for_ms", &NoEvent::for_ms, 1, 60000, "how long it must stay away")
            .required(),
        field::integer("beyond", &NoEvent::beyond, 0, 100000,
                       "the events allowed in all, counted from the socket's creation"),
    };
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if (!load.scenario.monitors)
      load.fail(map, "'no_event' needs monitors: the scenario says 'monitors: false'");
  }

  void play(CaseContext& cx) const override {
    SocketSlot& s = cx.slot(socket);
    cx.note("no_event " + event + " on " + s.name);
    require_monitor_event(cx, s, event);
    const auto started = Clock::now();
    const auto until = started + milliseconds(for_ms);
    if (until > cx.steps_deadline) {
      throw CaseStop{Verdict::error,
                     std::to_string(for_ms) + " ms left in the case to watch for " + event,
                     std::to_string(cx.remaining_ms()) + " ms (raise the scenario's deadline_ms)"};
    }
    const int before =
        beyond >= 0 ? beyond : count_events(s.agent->events(), s.created_handle, event);
    auto arrived = [&](const std::vector<MonitorEvent>& events) {
      return count_events(events, s.created_handle, event) > before;
    };
    const bool came = s.agent->wait_for_events(arrived, until);
    const auto watched = std::chrono::duration_cast<milliseconds>(Clock::now() - started).count();
    cx.observe("no_event_" + s.name + "_" + event + "_ms", watched);
    if (came && beyond >= 0) {
      cx.fail("at most " + std::to_string(beyond) + " " + event + " event(s) on " + s.name +
                  " in all, watched " + std::to_string(for_ms) + " ms more",
              std::to_string(count_events(s.agent->events(), s.created_handle, event)) + " after " +
                  std::to_string(watched) + " ms (see monitor_events)");
    }
    if (came)
      cx.fail("no " + event + " event on " + s.name + " for " + std::to_string(for_ms) + " ms",
              "one after " + std::to_string(watched) + " ms (see monitor_events)");
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(no_event, NoEvent)

}  // namespace zconform::steps
