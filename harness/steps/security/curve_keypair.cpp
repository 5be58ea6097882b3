// curve_keypair: zmq_curve_keypair and zmq_curve_public in the role's agent (CURVE-04). The keys
// are checked by their form, by each other, and, through `as`, by their use: a later `set` gives
// them to sockets ({var: <as>_public}), so a handshake proves the pair works.
#include "protocol/base64.hpp"
#include "steps/security/z85_alphabet.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct CurveKeypair final : StepOf<CurveKeypair> {
  static constexpr const char* kName = "curve_keypair";
  static constexpr const char* kSummary =
      "zmq_curve_keypair in the role's agent: two keys of 40 Z85 characters, each decoding to 32 "
      "octets, a secret key whose zmq_curve_public is the public key, and a pair unlike the "
      "previous one. With `as: name`, the keys become variables name_public and name_secret (Z85) "
      "for `set` ({var: name_public}).";

  Role role = Role::a;
  std::optional<std::string> as;

  static Fields<CurveKeypair> fields() {
    return {
        field::role("role", &CurveKeypair::role, "whose agent"),
        field::text("as", &CurveKeypair::as, "the variables' prefix", "name"),
    };
  }

  static void check_key(CaseContext& cx, AgentClient& agent, const std::string& which,
                        const std::string& key) {
    if (key.size() != 40 || key.find_first_not_of(kZ85Alphabet) != std::string::npos)
      cx.fail(which + ": 40 characters of the Z85 alphabet", "\"" + key + "\"");
    Reply r = cx.call(agent, "z85_decode", {{"text", key}});
    if (r.status != ReplyStatus::ok) return;  // the decoder's own case (security.z85) covers it
    auto octets = protocol::base64_decode(r.body.value("data", std::string()));
    if (!octets || octets->size() != 32)
      cx.fail(which + ": 32 octets once decoded", std::to_string(octets ? octets->size() : 0));
  }

  void play(CaseContext& cx) const override {
    AgentClient& agent = cx.agent_for(role);
    cx.note(std::string("curve_keypair in ") + role_name(role));
    Reply pair = cx.call(agent, "curve_keypair", Json::object());
    cx.expect_ok(pair, "zmq_curve_keypair");
    const std::string public_key = pair.body.value("public", std::string());
    const std::string secret_key = pair.body.value("secret", std::string());
    check_key(cx, agent, "the public key", public_key);
    check_key(cx, agent, "the secret key", secret_key);
    Reply derived = cx.call(agent, "curve_public", {{"secret", secret_key}});
    cx.expect_ok(derived, "zmq_curve_public");
    if (derived.body.value("public", std::string()) != public_key)
      cx.fail("zmq_curve_public of the secret key: \"" + public_key + "\"",
              "\"" + derived.body.value("public", std::string()) + "\"");
    Reply again = cx.call(agent, "curve_keypair", Json::object());
    cx.expect_ok(again, "a second zmq_curve_keypair");
    if (again.body.value("secret", std::string()) == secret_key)
      cx.fail("a new secret key from each zmq_curve_keypair", "the same key twice");
    cx.observe("curve_public_key", public_key);
    if (as) {
      cx.variables[*as + "_public"] = public_key;
      cx.variables[*as + "_secret"] = secret_key;
    }
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(curve_keypair, CurveKeypair)

}  // namespace zconform::steps
