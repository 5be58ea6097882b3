// fault: the fault relay between the linked sockets cuts, stalls, delays, drips or half-closes.
#include "fault/fault_relay.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct FaultStep final : StepOf<FaultStep> {
  static constexpr const char* kName = "fault";
  static constexpr const char* kSummary =
      "Acts on the fault relay (`relay: true`): `cut` resets every connection, `black_hole` stalls "
      "everything (new "
      "connections get no upstream), `half_close` ends both streams (FIN), `delay_ms` holds every "
      "chunk, `drip` lets "
      "`bytes` through every `every_ms`; `restore` heals (held bytes go on intact). The step "
      "returns once the relay acted.";

  NetworkFault fault;
  bool named = false;  // one of the plain names was given

  static Shorthand shorthand() { return Shorthand::scalar_is("name"); }
  static Fields<FaultStep> fields() {
    using K = NetworkFault::Kind;
    return {
        field::custom<FaultStep>(
            "name", "cut | black_hole | half_close | restore", "a fault without parameters",
            [](const StepLoad& load, const YAML::Node& node, FaultStep& s) {
              s.fault.kind = load.reader.choice<K>(node, "a fault",
                                                   {{"cut", K::cut},
                                                    {"black_hole", K::black_hole},
                                                    {"half_close", K::half_close},
                                                    {"restore", K::restore}});
              s.named = true;
            }),
        field::custom<FaultStep>(
            "delay_ms", "integer 1..60000", "every chunk held this long, each direction",
            [](const StepLoad& load, const YAML::Node& node, FaultStep& s) {
              s.fault.kind = K::delay;
              s.fault.delay_ms = load.reader.integer32(node, "'delay_ms'", 1, 60000);
            }),
        field::custom<FaultStep>("drip", "{bytes: 1+, every_ms: 1..10000}",
                                 "at most `bytes` octets each way every `every_ms`",
                                 [](const StepLoad& load, const YAML::Node& node, FaultStep& s) {
                                   load.reader.only_keys(node, {"bytes", "every_ms"});
                                   s.fault.kind = K::drip;
                                   s.fault.bytes = load.reader.integer32(
                                       load.reader.require(node, "bytes"), "'bytes'", 1, 1 << 20);
                                   s.fault.every_ms =
                                       load.reader.integer32(load.reader.require(node, "every_ms"),
                                                             "'every_ms'", 1, 10000);
                                 }),
    };
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if (!load.scenario.relay)
      load.fail_step("'fault' acts on the fault relay: the scenario needs 'relay: true'");
    if (named + static_cast<bool>(map["delay_ms"]) + static_cast<bool>(map["drip"]) != 1) {
      load.fail_step(
          "one fault at a time: a name, {delay_ms: N} or {drip: {bytes: N, every_ms: M}}");
    }
  }

  void play(CaseContext& cx) const override {
    cx.note(std::string("fault ") + to_string(fault.kind));
    if (!cx.relay)
      throw CaseStop{Verdict::error, "a fault relay to act on",
                     "no socket has bound yet (link or bind first)"};
    try {
      cx.relay->apply(fault);
    } catch (const std::exception& e) {
      throw CaseStop{Verdict::error, "the fault relay applies the fault", e.what()};
    }
    if (ends_connections()) forget_learned_routing_ids(cx);
  }

 private:
  bool ends_connections() const {
    using K = NetworkFault::Kind;
    return fault.kind == K::cut || fault.kind == K::half_close || fault.kind == K::black_hole;
  }

  // A ROUTER generates a new id for each connection of a peer that set none (ROUT-03): the id
  // learned before the fault does not name the peer once it has reconnected.
  static void forget_learned_routing_ids(CaseContext& cx) {
    for (auto& [name, slot] : cx.sockets) {
      if (!slot.routing_id_learned) continue;
      slot.routing_id.reset();
      slot.routing_id_learned = false;
    }
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(fault, FaultStep)

}  // namespace zconform::steps
