// poll: zmq_poll over sockets of one agent (POLL-01, POLL-02). The events each socket reports
// are checked against `expect`, and the call's duration against `within_ms`/`not_before_ms` (a
// timeout honoured at both bounds). With `as` the poll is left waiting for a later `reply`.
#include <chrono>
#include <utility>

#include "run/async_requests.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

using SocketEvents = std::vector<std::pair<std::string, std::vector<std::string>>>;

// {a: [POLLIN], b: [POLLIN, POLLOUT]}, in the file's order.
SocketEvents read_socket_events(const StepLoad& load, const YAML::Node& node, bool allow_empty) {
  // `expect: {}` says no socket reports anything; `items` needs a socket.
  if (!node.IsMap() || (node.size() == 0 && !allow_empty))
    load.fail(node, "expected a map of sockets to lists of events: {a: [POLLIN]}");
  SocketEvents out;
  for (const auto& e : node) {
    const std::string socket = load.socket(e.first);
    if (!e.second.IsSequence()) load.fail(e.second, "expected a list of POLLIN, POLLOUT, POLLERR");
    std::vector<std::string> events;
    for (const auto& name : e.second) {
      const std::string text = name.IsScalar() ? name.Scalar() : "";
      if (text != "POLLIN" && text != "POLLOUT" && text != "POLLERR")
        load.fail(name, "a poll event is POLLIN, POLLOUT or POLLERR");
      events.push_back(text);
    }
    if (events.empty() && !allow_empty) load.fail(e.second, "poll a socket for at least one event");
    out.emplace_back(socket, std::move(events));
  }
  return out;
}

std::string describe_events(const SocketEvents& events) {
  std::string text;
  for (const auto& [socket, names] : events) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : "|") + n;
    text += (text.empty() ? "" : ", ") + socket + ": " + (list.empty() ? "none" : list);
  }
  return text;
}

struct Poll final : StepOf<Poll> {
  static constexpr const char* kName = "poll";
  static constexpr const char* kSummary =
      "zmq_poll over sockets of one agent, with a timeout: checks the events each socket reports "
      "(every polled socket not in `expect` must report none) and how long the call took.";

  SocketEvents items;
  SocketEvents expect;
  bool has_expect = false;
  int timeout_ms = 0;
  int within_ms = -1;
  int not_before_ms = -1;
  std::string as;

  static Fields<Poll> fields() {
    return {
        field::custom<Poll>("items", "{socket: [events]}", "the sockets polled and their events",
                            [](const StepLoad& load, const YAML::Node& node, Poll& s) {
                              s.items = read_socket_events(load, node, false);
                            })
            .required(),
        field::integer("timeout_ms", &Poll::timeout_ms, -1, 600000,
                       "zmq_poll's timeout: 0 returns at once, -1 waits for an event"),
        field::custom<Poll>("expect", "{socket: [events]}",
                            "the events reported, per socket (none for a socket left out; {}: "
                            "none anywhere)",
                            [](const StepLoad& load, const YAML::Node& node, Poll& s) {
                              s.expect = read_socket_events(load, node, true);
                              s.has_expect = true;
                            }),
        field::integer("within_ms", &Poll::within_ms, 0, 600000,
                       "the call returns at most this long after it was made"),
        field::integer("not_before_ms", &Poll::not_before_ms, 0, 600000,
                       "and at least this long after it"),
        request_name_field<Poll>(&Poll::as,
                                 "start the poll and go on: a later `reply` or `pending` names it"),
    };
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if (as.empty() && !has_expect) load.fail(map, "'poll' needs 'expect' (or 'as')");
    if (!as.empty() && (has_expect || within_ms >= 0 || not_before_ms >= 0))
      load.fail(map, "an asynchronous poll ('as') is checked by a 'reply' step");
    if (as.empty() && timeout_ms < 0 && !has_expect)
      load.fail(map, "a poll that waits for ever needs 'as' or 'expect'");
    for (const auto& [socket, events] : expect) {
      bool polled = false;
      for (const auto& item : items) polled = polled || item.first == socket;
      if (!polled) load.fail(map, "'expect' names " + socket + ", which is not polled");
    }
  }

  void declare(StepEffects& effects) const override {
    if (!as.empty()) effects.starts_request(as);
  }

  SocketEvents expected_for_every_item() const {
    SocketEvents full;
    for (const auto& [socket, events] : items) {
      std::vector<std::string> want;
      for (const auto& e : expect) {
        if (e.first == socket) want = e.second;
      }
      full.emplace_back(socket, want);
    }
    return full;
  }

  void play(CaseContext& cx) const override {
    std::vector<std::string> names;
    Json request_items = Json::array();
    for (const auto& [socket, events] : items) {
      names.push_back(socket);
      request_items.push_back({{"socket", cx.slot(socket).handle}, {"events", events}});
    }
    AgentClient& agent = agent_holding(cx, names, "a poll");
    const Json args{{"items", request_items}, {"timeout_ms", timeout_ms}};
    const std::string what = "poll of " + describe_events(items);
    cx.note(what);
    if (!as.empty()) return start_async(cx, as, agent, "poll", args, what);

    const auto started = Clock::now();
    Reply r = cx.call(agent, "poll", args);
    const long long took = ms_since(started);
    cx.expect_ok(r, what);
    SocketEvents reported;
    const Json& answered = r.body.value("items", Json::array());
    if (!answered.is_array() || answered.size() != items.size())
      throw CaseStop{Verdict::error, "a poll reply with one entry per item", r.body.dump()};
    size_t ready = 0;
    for (size_t i = 0; i < items.size(); ++i) {
      std::vector<std::string> events;
      for (const auto& e : answered[i].value("events", Json::array())) {
        if (e.is_string()) events.push_back(e.get<std::string>());
      }
      ready += events.empty() ? 0 : 1;
      reported.emplace_back(items[i].first, std::move(events));
    }
    cx.observe("poll_ms_" + std::to_string(line), took);
    const SocketEvents want = expected_for_every_item();
    if (reported != want) cx.fail(describe_events(want), describe_events(reported));
    // zmq_poll returns the number of items with events: it must agree with them.
    if (r.body.value("count", -1) != static_cast<int>(ready))
      cx.fail("zmq_poll returns " + std::to_string(ready) + " (the items with events)",
              "it returned " + std::to_string(r.body.value("count", -1)));
    if (within_ms >= 0 && took > within_ms)
      cx.fail(what + " returns within " + std::to_string(within_ms) + " ms",
              "it took " + std::to_string(took) + " ms");
    if (not_before_ms >= 0 && took < not_before_ms)
      cx.fail(what + " returns after at least " + std::to_string(not_before_ms) + " ms",
              "it returned after " + std::to_string(took) + " ms");
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(poll, Poll)

}  // namespace zconform::steps
