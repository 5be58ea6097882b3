// subscribe, unsubscribe: pairing-aware subscriptions. One type per kind, made from one template.
#include "run/subscriptions.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

template <bool kSubscribe>
struct SubscriptionStep final : StepOf<SubscriptionStep<kSubscribe>> {
  static constexpr const char* kName = kSubscribe ? "subscribe" : "unsubscribe";
  static constexpr const char* kSummary =
      kSubscribe ? "ZMQ_SUBSCRIBE on SUB, a 0x01+topic message on XSUB (XSUB-01)."
                 : "ZMQ_UNSUBSCRIBE on SUB, a 0x00+topic message on XSUB (XSUB-01).";

  std::string socket;
  std::vector<std::string> topics;

  static Fields<SubscriptionStep> fields() {
    return {
        field::socket("socket", &SubscriptionStep::socket, "the subscriber").required(),
        field::custom<SubscriptionStep>(
            "topics", "list of bytes", "the topics (\"\" is every message)",
            [](const StepLoad& load, const YAML::Node& node, SubscriptionStep& s) {
              // Bytes only: a topic is never a routing id, a variable or a pattern.
              if (!node.IsSequence()) load.fail(node, "'topics' must be a list of bytes");
              for (const auto& topic : node) s.topics.push_back(load.reader.bytes(topic));
            })
            .required(),
    };
  }

  void play(CaseContext& cx) const override {
    SocketSlot& s = cx.slot(socket);
    cx.note(std::string(kName) + " " + s.name);
    for (const auto& topic : topics) subscription(cx, s, topic, kSubscribe);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(subscribe, SubscriptionStep<true>)
ZCONFORM_DEFINE_STEP_KIND(unsubscribe, SubscriptionStep<false>)

}  // namespace zconform::steps
