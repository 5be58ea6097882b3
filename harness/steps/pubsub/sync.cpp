// sync: publisher and subscriber agree the subscriptions so far are in force (probes).
#include "run/subscriptions.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Sync final : StepOf<Sync> {
  static constexpr const char* kName = "sync";
  static constexpr const char* kSummary =
      "The publisher sends probes until one reaches the subscriber: every subscription sent before "
      "is in force. "
      "Probes go on a fresh topic the subscriber subscribes first, or on `topic`, subscribed "
      "earlier (nothing new "
      "is subscribed: after a reconnection a probe getting through proves the subscription was "
      "sent again, SUB-01).";

  std::string publisher;
  std::string subscriber;
  std::optional<std::string> topic;  // none: a fresh one

  static Shorthand shorthand() { return Shorthand::positional_are({"publisher", "subscriber"}); }
  static Fields<Sync> fields() {
    return {
        field::socket("publisher", &Sync::publisher, "PUB, XPUB or RADIO").required(),
        field::socket("subscriber", &Sync::subscriber, "SUB, XSUB or DISH (probes in a group)")
            .required(),
        field::bytes("topic", &Sync::topic, "probe on this topic, subscribed earlier")
            .defaults("a fresh topic"),
    };
  }

  void play(CaseContext& cx) const override {
    cx.note("sync " + publisher + " " + subscriber);
    sync(cx, cx.slot(publisher), cx.slot(subscriber), topic);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(sync, Sync)

}  // namespace zconform::steps
