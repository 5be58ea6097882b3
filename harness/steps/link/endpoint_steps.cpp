// bind, connect, unbind, disconnect: one socket and one endpoint. One type per kind, made from
// one template: the four differ only in the operation and whether the endpoint may be left out.
#include <unistd.h>

#include "run/linking.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct BindOp {
  static constexpr const char* kName = "bind";
  static constexpr const char* kSummary =
      "Binds the socket (endpoint `auto` by default: a fresh one of the case's transport).";
  static constexpr bool kConnectorSide = false;
};
struct ConnectOp {
  static constexpr const char* kName = "connect";
  static constexpr const char* kSummary =
      "Connects the socket (through the fault relay where one stands in front of the binder).";
  static constexpr bool kConnectorSide = true;
};
struct UnbindOp {
  static constexpr const char* kName = "unbind";
  static constexpr const char* kSummary = "Unbinds the socket from an endpoint.";
  static constexpr bool kConnectorSide = false;
};
struct DisconnectOp {
  static constexpr const char* kName = "disconnect";
  static constexpr const char* kSummary = "Disconnects the socket from an endpoint.";
  static constexpr bool kConnectorSide = true;
};

template <typename Op>
struct EndpointStep final : StepOf<EndpointStep<Op>> {
  static constexpr const char* kName = Op::kName;
  static constexpr const char* kSummary = Op::kSummary;

  std::string socket;
  EndpointSpec endpoint;
  std::optional<std::string> error;

  static Fields<EndpointStep> fields() {
    auto where = field::endpoint("endpoint", &EndpointStep::endpoint,
                                 "`auto` (a fresh one), {of: b} (b's bound endpoint; with `source: "
                                 "127.0.0.2`, connected from there) or a literal ($TRANSPORT: "
                                 "the case's; $CASE: a name no other case uses)");
    return {
        field::socket("socket", &EndpointStep::socket, "the socket").required(),
        std::string_view(kName) == "bind" ? std::move(where) : std::move(where).required(),
        field::errno_name("error", &EndpointStep::error,
                          "the errno name expected instead of success"),
    };
  }

  std::string resolve_endpoint(CaseContext& cx, const SocketSlot& s) const {
    switch (endpoint.kind) {
      case EndpointSpec::Kind::automatic: return endpoint_for(cx, s);
      case EndpointSpec::Kind::of_socket: {
        const SocketSlot& bound = cx.slot(endpoint.text);
        if (bound.endpoint.empty()) {
          throw CaseStop{Verdict::error,
                         "socket " + bound.name + " bound before its endpoint is used",
                         "it is not bound"};
        }
        // Connectors reach a binder through the relay when one stands in front of it.
        std::string where = Op::kConnectorSide ? connect_endpoint(cx, bound) : bound.endpoint;
        if (!endpoint.source.empty()) {
          if (where.rfind("tcp://", 0) != 0)
            throw CaseStop{Verdict::error, "a tcp endpoint to connect from a source address",
                           where};
          where = "tcp://" + endpoint.source + ";" + where.substr(6);
        }
        return where;
      }
      case EndpointSpec::Kind::literal: {
        std::string text = endpoint.text;
        if (auto at = text.find("$TRANSPORT"); at != std::string::npos)
          text.replace(at, 10, cx.spec.transport);
        // Unique across concurrent cases and zconform processes: ipc's abstract namespace is
        // shared by the whole machine.
        if (auto at = text.find("$CASE"); at != std::string::npos)
          text.replace(at, 5, std::to_string(::getpid()) + "-" + std::to_string(cx.number));
        return text;
      }
    }
    return "";
  }

  void play(CaseContext& cx) const override {
    SocketSlot& s = cx.slot(socket);
    const std::string op = kName;
    const std::string where = resolve_endpoint(cx, s);
    cx.note(op + " " + s.name + " " + where);
    Reply r = cx.call(s, op, {{"endpoint", where}});
    cx.expect_outcome(r, error, op + " of " + s.name + " to " + where);
    if (r.status != ReplyStatus::ok || op != "bind") return;
    s.endpoint = r.body.contains("endpoint") ? bound_endpoint(where, r) : where;
    start_relay(cx, s);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(bind, EndpointStep<BindOp>)
ZCONFORM_DEFINE_STEP_KIND(connect, EndpointStep<ConnectOp>)
ZCONFORM_DEFINE_STEP_KIND(unbind, EndpointStep<UnbindOp>)
ZCONFORM_DEFINE_STEP_KIND(disconnect, EndpointStep<DisconnectOp>)

}  // namespace zconform::steps
