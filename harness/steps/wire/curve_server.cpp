// curve_server: the raw peer plays the CURVE server (RFC 26) against the implementation's CURVE
// client, well or with one named misbehaviour; after a full handshake `write` and `read` go through
// MESSAGE commands.
#include "steps/wire/curve_fields.hpp"
#include "zmtp/curve/server_handshake.hpp"

namespace zconform::steps {
namespace {

namespace curve = zmtp::curve;

enum class ServerMisbehaviour {
  none,
  wrong_server_key,
  bad_welcome_box,
  welcome_short,
  welcome_long,
  bad_ready_box,
  ready_short,
  ready_metadata_huge,
  ready_metadata_large,
  reused_nonce,
  decreasing_nonce,
  message_reserved_flags,
  message_short,
  bad_message_box,
  stall_after_hello,
  stall_after_initiate,
};
using SM = ServerMisbehaviour;

const std::vector<Misbehaviour<SM>>& server_misbehaviours() {
  static const std::vector<Misbehaviour<SM>> table = {
      {"none", SM::none, "a valid handshake"},
      {"wrong_server_key", SM::wrong_server_key,
       "causes WELCOME to be boxed from a key that is not the one the client was given: an "
       "impostor (CURVE-04), and ends the step after WELCOME"},
      {"bad_welcome_box", SM::bad_welcome_box,
       "causes one octet of WELCOME's box to be flipped (CURVE-05), and ends the step after "
       "WELCOME"},
      {"welcome_short", SM::welcome_short,
       "causes WELCOME to be 167 octets (CURVE-01), and ends the step after WELCOME"},
      {"welcome_long", SM::welcome_long,
       "causes WELCOME to be 169 octets (CURVE-01), and ends the step after WELCOME"},
      {"bad_ready_box", SM::bad_ready_box,
       "causes one octet of READY's box to be flipped, and ends the step after READY"},
      {"ready_short", SM::ready_short,
       "causes READY to be 29 octets, one short of an empty box (CURVE-01), and ends the step "
       "after "
       "READY"},
      {"ready_metadata_huge", SM::ready_metadata_huge,
       "causes READY's metadata to hold an X-Huge property of 64 KiB (CURVE-05), and the handshake "
       "goes on"},
      {"ready_metadata_large", SM::ready_metadata_large,
       "causes READY to be 8193 octets, one more than an 8 KiB buffer holds (CURVE-05), and the "
       "handshake goes on"},
      {"reused_nonce", SM::reused_nonce,
       "causes every MESSAGE after the first to carry the first one's short nonce (CURVE-02)"},
      {"decreasing_nonce", SM::decreasing_nonce,
       "causes the first MESSAGE's nonce to be 1000 and each later one to be one lower "
       "(CURVE-02)"},
      {"message_reserved_flags", SM::message_reserved_flags,
       "causes every MESSAGE's flags octet to have bit 7 set (CURVE-03)"},
      {"message_short", SM::message_short,
       "causes every MESSAGE after the first to be cut to 32 octets, one short of the least "
       "(CURVE-01)"},
      {"bad_message_box", SM::bad_message_box,
       "causes one octet of the box of every MESSAGE after the first to be flipped"},
      {"stall_after_hello", SM::stall_after_hello,
       "causes the raw peer to read HELLO and never answer it (SEC-01)"},
      {"stall_after_initiate", SM::stall_after_initiate,
       "causes the raw peer to read INITIATE and never answer it (SEC-01)"},
  };
  return table;
}

struct CurveServer final : StepOf<CurveServer> {
  static constexpr const char* kName = "curve_server";
  static constexpr const char* kSummary =
      "After `greet: {mechanism: CURVE, as_server: 1}`, the raw peer plays the CURVE server (RFC "
      "26): HELLO read and checked (200 octets, version 1.0, zero padding, its signature box), "
      "WELCOME with a cookie, INITIATE read and checked (cookie, nonce, vouch, metadata), READY: "
      "from then on `write` and `read` frames travel in MESSAGE commands. A misbehaviour that the "
      "client must refuse ends the step after the command that commits it: an `outcome` step then "
      "says what the implementation did.";
  static constexpr bool kRawPeer = true;

  curve::Key secret_key = *curve::key_from_text(curve::kTestServerSecret);
  std::optional<curve::Key> client_key;
  std::optional<std::vector<PropertySpec>> properties;
  ReadyCheck expected = {{"Socket-Type", "$TYPE"}};
  ServerMisbehaviour misbehave = SM::none;
  bool message_as_command = false;
  std::optional<bool> expect_command_frames;
  WireCheck on_failure;

  static Fields<CurveServer> fields() {
    using S = CurveServer;
    return {
        key_field<S>("secret_key", &S::secret_key,
                     "the raw server's permanent secret key; its public key (S) follows from it",
                     curve::kTestServerSecret),
        field::custom<S>("client_key", "Z85 key (40 characters) | {hex: 32 octets}",
                         "the client's permanent public key (C) INITIATE must vouch for",
                         [](const StepLoad& load, const YAML::Node& node, S& s) {
                           s.client_key = curve::key_from_text(load.reader.bytes(node));
                           if (!s.client_key)
                             load.fail(node, "'client_key' is a CURVE key: 40 Z85 characters");
                         })
            .defaults("any"),
        properties_field<S>(&S::properties, "READY's metadata")
            .defaults("Socket-Type: the raw peer's type"),
        field::custom<S>("expect_properties", "{name: bytes | ~ | \"*\", ...}",
                         "the properties INITIATE must hold (as in expect_ready)",
                         [](const StepLoad& load, const YAML::Node& node, S& s) {
                           s.expected = read_ready_check(load.reader, node);
                         })
            .defaults("Socket-Type: $TYPE"),
        misbehave_field(&S::misbehave, server_misbehaviours()),
        field::boolean("message_as_command", &S::message_as_command,
                       "MESSAGE frames carry the COMMAND flag (RFC 23: message data encoded as "
                       "commands); else none, as libzmq 4.3 sends them"),
        expect_framing_field(&S::expect_command_frames),
        within_field(&S::on_failure),
    };
  }

  curve::ServerFaults faults() const {
    curve::ServerFaults f;
    f.wrong_server_key = misbehave == SM::wrong_server_key;
    f.bad_welcome_box = misbehave == SM::bad_welcome_box;
    f.welcome_size_change = misbehave == SM::welcome_short  ? -1
                            : misbehave == SM::welcome_long ? 1
                                                            : 0;
    f.bad_ready_box = misbehave == SM::bad_ready_box;
    f.ready_size_change = misbehave == SM::ready_short ? -1 : 0;
    return f;
  }

  bool ends_after_welcome() const {
    return misbehave == SM::wrong_server_key || misbehave == SM::bad_welcome_box ||
           misbehave == SM::welcome_short || misbehave == SM::welcome_long;
  }

  std::string metadata(const CaseContext& cx) const {
    if (misbehave == SM::ready_short) return "";  // READY of 30 octets, then cut by one
    if (misbehave == SM::ready_metadata_huge) return huge_metadata(cx);
    if (misbehave == SM::ready_metadata_large)
      return metadata_sized(cx, curve::kReadyMinSize, 8193);
    return curve_metadata(cx, properties);
  }

  void play(CaseContext& cx) const override {
    WirePeer& wire = wire_peer(cx);
    cx.note("curve_server");
    require_curve_greeting(cx, wire);
    cx.observe("curve_misbehaviour", server_misbehaviours()[static_cast<size_t>(misbehave)].name);

    curve::ServerHandshake hs({curve::public_key_of(secret_key), secret_key}, faults());
    const std::string hello =
        read_curve_command(cx, on_failure, "HELLO", "HELLO (200 octets, CURVE-01)");
    std::string error;
    if (!hs.take_hello(hello, error))
      wire_fail(cx, on_failure, "a valid HELLO (CURVE-01, RFC 26 The HELLO Command)", error);
    if (misbehave == SM::stall_after_hello) return;

    write_curve_command(cx, wire, hs.welcome(), "WELCOME");
    if (ends_after_welcome()) return;

    const std::string initiate =
        read_curve_command(cx, on_failure, "INITIATE", "INITIATE (257 octets or more, CURVE-01)");
    auto initiated = hs.take_initiate(initiate, error);
    if (!initiated)
      wire_fail(cx, on_failure, "a valid INITIATE (RFC 26 The INITIATE Command)", error);
    cx.observe("iut_client_key", curve::key_text(initiated->client_public));
    if (client_key && initiated->client_public != *client_key) {
      wire_fail(cx, on_failure, "INITIATE vouches for C = " + curve::key_text(*client_key),
                "C = " + curve::key_text(initiated->client_public));
    }
    wire_check_properties(cx, on_failure, initiated->properties, expected, "iut_initiate");
    if (misbehave == SM::stall_after_initiate) return;

    const std::string ready = hs.ready(metadata(cx));
    cx.observe("ready_size", ready.size());
    write_curve_command(cx, wire, ready, "READY");
    if (misbehave == SM::bad_ready_box || misbehave == SM::ready_short) return;

    curve::Session session = hs.session();
    if (misbehave == SM::reused_nonce) session.nonce_fault = curve::NonceFault::reused;
    if (misbehave == SM::decreasing_nonce) session.nonce_fault = curve::NonceFault::decreasing;
    if (misbehave == SM::message_reserved_flags) session.extra_flags = 0x80;
    session.short_messages = misbehave == SM::message_short;
    session.altered_boxes = misbehave == SM::bad_message_box;
    wire.start_curve(std::move(session), message_as_command, expect_command_frames);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(curve_server, CurveServer)

}  // namespace zconform::steps
