// proxy: the implementation's built-in proxy (zmq_proxy; zmq_proxy_steerable with a control
// socket) between sockets of one agent, running until its context ends (PROXY-01..03). It is
// always left running: a later `reply` checks how it ended (ETERM after term or shutdown, success
// after TERMINATE), and teardown ends one still running with ctx_shutdown.
#include "run/async_requests.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Proxy final : StepOf<Proxy> {
  static constexpr const char* kName = "proxy";
  static constexpr const char* kSummary =
      "Starts the implementation's proxy between `frontend` and `backend` (zmq_proxy), with a "
      "`capture` socket and a `control` socket (zmq_proxy_steerable) where given; it runs until "
      "its context ends or TERMINATE, and a later `reply` checks how it ended.";

  std::string frontend;
  std::string backend;
  std::string capture;
  std::string control;
  std::string as;

  static Fields<Proxy> fields() {
    return {
        field::socket("frontend", &Proxy::frontend, "the proxy's frontend socket").required(),
        field::socket("backend", &Proxy::backend, "its backend socket").required(),
        field::socket("capture", &Proxy::capture, "a socket that gets a copy of every message"),
        field::socket("control", &Proxy::control,
                      "a socket whose PAUSE, RESUME, TERMINATE and STATISTICS steer the proxy"),
        request_name_field<Proxy>(&Proxy::as, "the running proxy's name, for `reply` and `pending`")
            .required(),
    };
  }

  void declare(StepEffects& effects) const override { effects.starts_request(as); }

  void play(CaseContext& cx) const override {
    Json args{{"frontend", cx.slot(frontend).handle}, {"backend", cx.slot(backend).handle}};
    std::vector<std::string> names{frontend, backend};
    std::string what = "proxy " + frontend + " <-> " + backend;
    for (const auto& [field, name] : {std::pair{"capture", &capture}, {"control", &control}}) {
      if (name->empty()) continue;
      args[field] = cx.slot(*name).handle;
      names.push_back(*name);
      what += std::string(", ") + field + " " + *name;
    }
    AgentClient& agent = agent_holding(cx, names, "a proxy");
    cx.note(what);
    start_async(cx, as, agent, "proxy", args, what);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(proxy, Proxy)

}  // namespace zconform::steps
