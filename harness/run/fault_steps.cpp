// The fault relay (fault/tcp_relay.hpp) in a case: created when the binder binds, connected to
// instead of the binder by the other side, broken and restored by `fault` steps.
#include "fault/tcp_relay.hpp"
#include "run/case_play.hpp"

namespace zconform {

void CasePlay::start_relay(const SocketSlot& binder) {
  if (!spec_.scenario->relay) return;
  if (relay_) {
    if (relay_upstream_ == binder.endpoint) return;
    throw CaseStop{Verdict::error, "one bound endpoint behind the fault relay", binder.name + " binds a second one"};
  }
  try {
    relay_ = std::make_unique<TcpRelay>(binder.endpoint);
  } catch (const std::exception& e) {
    throw CaseStop{Verdict::error, "the fault relay starts", e.what()};
  }
  relay_upstream_ = binder.endpoint;
}

std::string CasePlay::connect_endpoint(const SocketSlot& binder) const {
  return relay_ && relay_upstream_ == binder.endpoint ? relay_->endpoint() : binder.endpoint;
}

void CasePlay::fault_step(const Step& step) {
  result_.step += std::string(" fault ") + to_string(step.fault.kind);
  if (!relay_) throw CaseStop{Verdict::error, "a fault relay to act on", "no socket has bound yet (link or bind first)"};
  try {
    relay_->apply(step.fault);
  } catch (const std::exception& e) {
    throw CaseStop{Verdict::error, "the fault relay applies the fault", e.what()};
  }
}

}  // namespace zconform
