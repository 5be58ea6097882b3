// curve_client: the raw peer plays the CURVE client (RFC 26) against the implementation's CURVE
// server, well or with one named misbehaviour; after a full handshake `write` and `read` go through
// MESSAGE commands.
#include "steps/wire/curve_fields.hpp"
#include "zmtp/curve/client_handshake.hpp"

namespace zconform::steps {
namespace {

namespace curve = zmtp::curve;

enum class ClientMisbehaviour {
  none,
  wrong_server_key,
  bad_hello_box,
  hello_short,
  hello_long,
  hello_padding,
  hello_version,
  initiate_short,
  initiate_reused_nonce,
  initiate_decreasing_nonce,
  bad_cookie,
  bad_vouch,
  initiate_metadata_huge,
  initiate_metadata_large,
  reused_nonce,
  decreasing_nonce,
  message_reserved_flags,
  message_short,
  bad_message_box,
  stall_after_greeting,
  stall_after_hello,
};
using CM = ClientMisbehaviour;

const std::vector<Misbehaviour<CM>>& client_misbehaviours() {
  static const std::vector<Misbehaviour<CM>> table = {
      {"none", CM::none, "a valid handshake"},
      {"wrong_server_key", CM::wrong_server_key,
       "causes HELLO's signature box to be made for a key that is not the server's (a client "
       "that does not know it, CURVE-04), and ends the step after HELLO"},
      {"bad_hello_box", CM::bad_hello_box,
       "causes one octet of HELLO's signature box to be flipped, and ends the step after HELLO"},
      {"hello_short", CM::hello_short,
       "causes HELLO to be 199 octets (its last cut off, CURVE-01), and ends the step after HELLO"},
      {"hello_long", CM::hello_long,
       "causes HELLO to be 201 octets (a zero octet added, CURVE-01), and ends the step after "
       "HELLO"},
      {"hello_padding", CM::hello_padding,
       "causes HELLO's 72 anti-amplification octets to be 0x01, not zero, and ends the step after "
       "HELLO"},
      {"hello_version", CM::hello_version,
       "causes HELLO to announce CurveZMQ version 2.0, not 1.0, and ends the step after HELLO"},
      {"initiate_short", CM::initiate_short,
       "causes INITIATE to be 256 octets, one short of the least (CURVE-01), and ends the step "
       "after INITIATE"},
      {"initiate_reused_nonce", CM::initiate_reused_nonce,
       "causes INITIATE to reuse HELLO's short nonce (CURVE-02), and ends the step after INITIATE"},
      {"initiate_decreasing_nonce", CM::initiate_decreasing_nonce,
       "causes INITIATE's short nonce to be lower than HELLO's, unused before (CURVE-02), and ends "
       "the step "
       "ends after INITIATE"},
      {"bad_cookie", CM::bad_cookie,
       "causes one octet of the cookie INITIATE echoes to be flipped (CURVE-05), and ends the step "
       "after INITIATE"},
      {"bad_vouch", CM::bad_vouch,
       "causes the vouch to be boxed by a secret key that is not the client's (CURVE-05), and ends "
       "the step "
       "ends after INITIATE"},
      {"initiate_metadata_huge", CM::initiate_metadata_huge,
       "causes INITIATE's metadata to hold an X-Huge property of 64 KiB, far beyond any fixed "
       "buffer (CURVE-05), and the handshake goes on"},
      {"initiate_metadata_large", CM::initiate_metadata_large,
       "causes INITIATE to be 8193 octets, one more than an 8 KiB buffer (libzmq's in_batch_size) "
       "holds (CURVE-05), and the handshake goes on"},
      {"reused_nonce", CM::reused_nonce,
       "causes every MESSAGE after the first to carry the first one's short nonce (CURVE-02)"},
      {"decreasing_nonce", CM::decreasing_nonce,
       "causes the first MESSAGE's nonce to be 1000 and each later one to be one lower "
       "(CURVE-02)"},
      {"message_reserved_flags", CM::message_reserved_flags,
       "causes every MESSAGE's flags octet to have bit 7 set (CURVE-03)"},
      {"message_short", CM::message_short,
       "causes every MESSAGE after the first to be cut to 32 octets, one short of the least "
       "(CURVE-01)"},
      {"bad_message_box", CM::bad_message_box,
       "causes one octet of the box of every MESSAGE after the first to be flipped"},
      {"stall_after_greeting", CM::stall_after_greeting,
       "causes the raw peer to send nothing after its greeting (SEC-01)"},
      {"stall_after_hello", CM::stall_after_hello,
       "causes the raw peer to read WELCOME and send nothing more (SEC-01)"},
  };
  return table;
}

struct CurveClient final : StepOf<CurveClient> {
  static constexpr const char* kName = "curve_client";
  static constexpr const char* kSummary =
      "After `greet: {mechanism: CURVE}`, the raw peer plays the CURVE client (RFC 26): HELLO, "
      "WELCOME read and opened (168 octets), INITIATE with its vouch and metadata, READY read and "
      "opened (its properties checked): from then on `write` and `read` frames travel in MESSAGE "
      "commands. A misbehaviour that the server must refuse ends the step after the command that "
      "commits it: an `outcome` step then says what the implementation did.";
  static constexpr bool kRawPeer = true;

  curve::Key server_key = *curve::key_from_text(curve::kTestServerPublic);
  curve::Key secret_key = *curve::key_from_text(curve::kTestClientSecret);
  std::optional<std::vector<PropertySpec>> properties;
  ReadyCheck expected = {{"Socket-Type", "$TYPE"}};
  ClientMisbehaviour misbehave = CM::none;
  bool message_as_command = false;
  std::optional<bool> expect_command_frames;
  bool until_initiate = false;
  WireCheck on_failure;

  static Fields<CurveClient> fields() {
    using S = CurveClient;
    return {
        key_field<S>("server_key", &S::server_key,
                     "the server's public key, as the raw client knows it (S)",
                     curve::kTestServerPublic),
        key_field<S>("secret_key", &S::secret_key,
                     "the raw client's permanent secret key; its public key (C) follows from it",
                     curve::kTestClientSecret),
        properties_field<S>(&S::properties, "INITIATE's metadata")
            .defaults("Socket-Type: the raw peer's type"),
        field::custom<S>("expect_properties", "{name: bytes | ~ | \"*\", ...}",
                         "the properties READY must hold (as in expect_ready)",
                         [](const StepLoad& load, const YAML::Node& node, S& s) {
                           s.expected = read_ready_check(load.reader, node);
                         })
            .defaults("Socket-Type: $TYPE"),
        misbehave_field(&S::misbehave, client_misbehaviours()),
        field::boolean("message_as_command", &S::message_as_command,
                       "MESSAGE frames carry the COMMAND flag (RFC 23: message data encoded as "
                       "commands); else none, as libzmq 4.3 sends them"),
        expect_framing_field(&S::expect_command_frames),
        field::choice(
            "until", &S::until_initiate,
            std::vector<std::pair<std::string, bool>>{{"ready", false}, {"initiate", true}},
            "ready: the whole handshake; initiate: the step ends once INITIATE is "
            "sent, leaving the server's answer to `read` or `outcome` (ERROR when its "
            "ZAP handler refused the client, CURVE-02)")
            .defaults("ready"),
        within_field(&S::on_failure),
    };
  }

  curve::ClientFaults faults() const {
    curve::ClientFaults f;
    f.wrong_server_key = misbehave == CM::wrong_server_key;
    f.bad_hello_box = misbehave == CM::bad_hello_box;
    f.hello_size_change = misbehave == CM::hello_short ? -1 : misbehave == CM::hello_long ? 1 : 0;
    f.hello_padding = misbehave == CM::hello_padding;
    f.hello_version = misbehave == CM::hello_version;
    f.initiate_short = misbehave == CM::initiate_short;
    f.initiate_nonce = misbehave == CM::initiate_reused_nonce ? curve::InitiateNonce::reused
                       : misbehave == CM::initiate_decreasing_nonce
                           ? curve::InitiateNonce::decreasing
                           : curve::InitiateNonce::next;
    f.bad_cookie = misbehave == CM::bad_cookie;
    f.bad_vouch = misbehave == CM::bad_vouch;
    return f;
  }

  bool ends_after_hello() const {
    return misbehave == CM::wrong_server_key || misbehave == CM::bad_hello_box ||
           misbehave == CM::hello_short || misbehave == CM::hello_long ||
           misbehave == CM::hello_padding || misbehave == CM::hello_version;
  }
  bool ends_after_initiate() const {
    return misbehave == CM::initiate_short || misbehave == CM::initiate_reused_nonce ||
           misbehave == CM::initiate_decreasing_nonce || misbehave == CM::bad_cookie ||
           misbehave == CM::bad_vouch;
  }

  std::string metadata(const CaseContext& cx) const {
    if (misbehave == CM::initiate_metadata_huge) return huge_metadata(cx);
    if (misbehave == CM::initiate_metadata_large)
      return metadata_sized(cx, curve::kInitiateMinSize, 8193);
    return curve_metadata(cx, properties);
  }

  void play(CaseContext& cx) const override {
    WirePeer& wire = wire_peer(cx);
    cx.note("curve_client");
    require_curve_greeting(cx, wire);
    cx.observe("curve_misbehaviour", client_misbehaviours()[static_cast<size_t>(misbehave)].name);
    if (misbehave == CM::stall_after_greeting) return;

    curve::ClientHandshake hs({curve::public_key_of(secret_key), secret_key}, server_key, faults());
    write_curve_command(cx, wire, hs.hello(), "HELLO");
    if (ends_after_hello()) return;

    const std::string welcome =
        read_curve_command(cx, on_failure, "WELCOME", "WELCOME (168 octets, CURVE-01)");
    std::string error;
    if (!hs.take_welcome(welcome, error))
      wire_fail(cx, on_failure, "a WELCOME that opens from the server's key (CURVE-01)", error);
    if (misbehave == CM::stall_after_hello) return;

    const std::string initiate = hs.initiate(metadata(cx));
    cx.observe("initiate_size", initiate.size());
    write_curve_command(cx, wire, initiate, "INITIATE");
    if (ends_after_initiate() || until_initiate) return;

    const std::string ready =
        read_curve_command(cx, on_failure, "READY", "READY (30 octets or more, CURVE-01)");
    auto props = hs.take_ready(ready, error);
    if (!props) wire_fail(cx, on_failure, "a READY that opens with the transient keys", error);
    wire_check_properties(cx, on_failure, *props, expected, "iut_ready");

    curve::Session session = hs.session();
    if (misbehave == CM::reused_nonce) session.nonce_fault = curve::NonceFault::reused;
    if (misbehave == CM::decreasing_nonce) session.nonce_fault = curve::NonceFault::decreasing;
    if (misbehave == CM::message_reserved_flags) session.extra_flags = 0x80;
    session.short_messages = misbehave == CM::message_short;
    session.altered_boxes = misbehave == CM::bad_message_box;
    wire.start_curve(std::move(session), message_as_command, expect_command_frames);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(curve_client, CurveClient)

}  // namespace zconform::steps
