// await: a monitor event seen on a socket (count times), with events that must not have come.
#include "run/linking.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Await final : StepOf<Await> {
  static constexpr const char* kName = "await";
  static constexpr const char* kSummary =
      "Waits for a monitor event on the socket (`count` of them, bounded by the case deadline); "
      "the events in "
      "`absent` must not have come by then. With `value`, only events carrying it count (the "
      "errno of a failure, the ZAP status of HANDSHAKE_FAILED_AUTH).";

  std::string socket;
  std::string event;
  int count = 1;
  std::vector<std::string> absent;
  std::optional<int> value;

  static Fields<Await> fields() {
    return {
        field::socket("socket", &Await::socket, "the monitored socket").required(),
        field::text("event", &Await::event, "CONNECTED, DISCONNECTED, HANDSHAKE_SUCCEEDED, ...",
                    "event name")
            .required(),
        field::integer("count", &Await::count, 1, 100000,
                       "how many of them, counted from the socket's creation"),
        field::texts("absent", &Await::absent, "events that must not have happened by then",
                     "list of event names"),
        field::integer("value", &Await::value, -1, 1000000,
                       "the value the events must carry (errno, status code)"),
    };
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if (!load.scenario.monitors)
      load.fail(map, "'await' needs monitors: the scenario says 'monitors: false'");
  }

  void play(CaseContext& cx) const override {
    SocketSlot& s = cx.slot(socket);
    cx.note("await " + event + " on " + s.name);
    require_monitor_event(cx, s, event);
    for (const auto& unwanted : absent) require_monitor_event(cx, s, unwanted);
    auto matching = [&](const std::vector<MonitorEvent>& events) {
      if (!value) return count_events(events, s.created_handle, event);
      int n = 0;
      for (const auto& e : events)
        n += e.socket == s.created_handle && e.name == event && e.value == *value;
      return n;
    };
    // An event that must not come ends the wait as soon as it does: the check below fails on it.
    auto unwanted_came = [&](const std::vector<MonitorEvent>& events) {
      for (const auto& unwanted : absent)
        if (count_events(events, s.created_handle, unwanted) > 0) return true;
      return false;
    };
    auto done = [&](const std::vector<MonitorEvent>& events) {
      return matching(events) >= count || unwanted_came(events);
    };
    if (!s.agent->wait_for_events(done, cx.steps_deadline)) {
      const std::string with = value ? " with value " + std::to_string(*value) : "";
      cx.fail(std::to_string(count) + " " + event + " event(s)" + with + " on " + s.name,
              std::to_string(matching(s.agent->events())) +
                  " before the case deadline (see monitor_events)");
    }
    for (const auto& unwanted : absent) {
      if (int n = count_events(s.agent->events(), s.created_handle, unwanted)) {
        cx.fail("no " + unwanted + " event on " + s.name + " before " + event,
                std::to_string(n) + " of them (see monitor_events)");
      }
    }
    // What the event announced (a new pipe, a closed one) is acted on before the next step.
    if (!s.handle.empty()) settle(cx, s);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(await, Await)

}  // namespace zconform::steps
