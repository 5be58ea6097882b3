// expect_ready: reads the implementation's READY and checks its properties.
#include "steps/wire/wire_fields.hpp"

namespace zconform::steps {
namespace {

struct ExpectReady final : StepOf<ExpectReady> {
  static constexpr const char* kName = "expect_ready";
  static constexpr const char* kSummary =
      "Reads the implementation's READY (a command without MORE or reserved bits, well-formed "
      "properties, NULL-01) "
      "and checks the properties given: value `~` = absent, `\"*\"` = any, `$TYPE` = its socket "
      "type.";
  static constexpr bool kRawPeer = true;

  ReadyCheck expected = {{"Socket-Type", "$TYPE"}};
  WireCheck on_failure;

  static Fields<ExpectReady> fields() {
    return {
        field::custom<ExpectReady>(
            "properties", "{name: bytes | ~ | \"*\", ...}", "the properties expected",
            [](const StepLoad& load, const YAML::Node& node, ExpectReady& s) {
              s.expected = read_ready_check(load.reader, node);
            })
            .defaults("Socket-Type: $TYPE"),
        otherwise_field(&ExpectReady::on_failure),
        within_field(&ExpectReady::on_failure),
    };
  }

  void play(CaseContext& cx) const override {
    wire_peer(cx);
    cx.note("expect_ready");
    wire_expect_ready(cx, on_failure, expected);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(expect_ready, ExpectReady)

}  // namespace zconform::steps
