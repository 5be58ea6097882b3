// z85: the implementation's Z85 codec (RFC 32, Z85-01): zmq_z85_encode or zmq_z85_decode through
// an agent, with the text or octets expected, or the refusal. `roundtrip` checks an encoding by
// its shape and by decoding it back, for inputs too long to write the expected text out.
#include "protocol/base64.hpp"
#include "steps/security/z85_alphabet.hpp"
#include "steps/step_support.hpp"
#include "zmtp/describe.hpp"

namespace zconform::steps {
namespace {

struct Z85 final : StepOf<Z85> {
  static constexpr const char* kName = "z85";
  static constexpr const char* kSummary =
      "zmq_z85_encode (`encode`: octets) or zmq_z85_decode (`decode`: text) in the role's agent: "
      "expects the `text` or `data`, the `error`, or with `roundtrip` an encoding of the right "
      "length and alphabet that decodes back to the input.";

  Role role = Role::a;
  std::optional<std::string> encode;
  std::optional<std::string> decode;
  std::optional<std::string> text;
  std::optional<std::string> data;
  std::optional<std::string> error;
  bool roundtrip = false;

  static Fields<Z85> fields() {
    return {
        field::role("role", &Z85::role, "whose agent"),
        field::custom<Z85>("encode", "bytes", "octets to encode",
                           [](const StepLoad& load, const YAML::Node& node, Z85& s) {
                             s.encode = load.reader.bytes(node);
                           }),
        field::custom<Z85>("decode", "string", "text to decode",
                           [](const StepLoad& load, const YAML::Node& node, Z85& s) {
                             if (!node.IsScalar()) load.fail(node, "'decode' is a string");
                             s.decode = node.Scalar();
                           }),
        field::custom<Z85>("text", "string", "the encoding expected",
                           [](const StepLoad& load, const YAML::Node& node, Z85& s) {
                             if (!node.IsScalar()) load.fail(node, "'text' is a string");
                             s.text = node.Scalar();
                           }),
        field::custom<Z85>("data", "bytes", "the octets a decode gives",
                           [](const StepLoad& load, const YAML::Node& node, Z85& s) {
                             s.data = load.reader.bytes(node);
                           }),
        field::errno_name("error", &Z85::error, "the errno name expected instead of success"),
        field::boolean("roundtrip", &Z85::roundtrip,
                       "encode: check length and alphabet, and decode the text back"),
    };
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if (encode.has_value() == decode.has_value())
      load.fail(map, "'z85' takes exactly one of 'encode' and 'decode'");
    const int expectations =
        (text ? 1 : 0) + (data ? 1 : 0) + (error ? 1 : 0) + (roundtrip ? 1 : 0);
    if (expectations != 1)
      load.fail(map, "'z85' expects exactly one of 'text', 'data', 'error', 'roundtrip'");
    if (encode && data) load.fail(map, "an encode gives 'text', not 'data'");
    if (decode && (text || roundtrip)) load.fail(map, "a decode gives 'data'");
  }

  Reply call(CaseContext& cx, const std::string& op, const std::string& field,
             const std::string& value) const {
    return cx.call(cx.agent_for(role), op, {{field, value}});
  }

  void play(CaseContext& cx) const override {
    if (encode) {
      const std::string what = "z85_encode of " + zmtp::describe_bytes(*encode);
      cx.note(what);
      Reply r = call(cx, "z85_encode", "data", protocol::base64_encode(*encode));
      if (error) return cx.expect_outcome(r, error, what);
      cx.expect_ok(r, what);
      const std::string got = r.body.value("text", std::string());
      if (text) {
        if (got != *text) cx.fail("\"" + *text + "\"", "\"" + got + "\"");
        return;
      }
      check_shape(cx, got);
      Reply back = call(cx, "z85_decode", "text", got);
      cx.expect_ok(back, "z85_decode of its own encoding");
      auto decoded = protocol::base64_decode(back.body.value("data", std::string("?")));
      if (!decoded || *decoded != *encode)
        cx.fail(std::to_string(encode->size()) + " octets back from the decoding",
                decoded ? zmtp::describe_bytes(*decoded) : "a reply with no base64 data");
      return;
    }
    const std::string what = "z85_decode of \"" + *decode + "\"";
    cx.note(what);
    Reply r = call(cx, "z85_decode", "text", *decode);
    if (error) return cx.expect_outcome(r, error, what);
    cx.expect_ok(r, what);
    auto got = protocol::base64_decode(r.body.value("data", std::string("?")));
    if (!got) throw CaseStop{Verdict::error, "a z85_decode reply with base64 data", r.body.dump()};
    if (*got != *data) cx.fail(zmtp::describe_bytes(*data), zmtp::describe_bytes(*got));
  }

  void check_shape(CaseContext& cx, const std::string& got) const {
    const size_t want = encode->size() / 4 * 5;
    if (got.size() != want)
      cx.fail(std::to_string(want) + " characters (5 per 4 octets)",
              std::to_string(got.size()) + " characters");
    const auto bad = got.find_first_not_of(kZ85Alphabet);
    if (bad != std::string::npos)
      cx.fail("characters of the Z85 alphabet only",
              "character " + std::to_string(bad) + " is '" + got.substr(bad, 1) + "'");
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(z85, Z85)

}  // namespace zconform::steps
