// zap_handler: the role's agent runs a ZAP handler (RFC 27) in the role's context, answering as the
// scenario says. Set before the sockets it serves handshake (ZAP-01: the handler is bound first).
#include "run/linking.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

// The request fields an answer may match on (the agent's records name them so).
const std::vector<std::string> kMatchFields = {"mechanism", "domain",   "address",
                                               "username",  "password", "client_key"};

// One answer, as PROTOCOL.md's "ZAP handler" has it; the scenario writes `status` as a number.
Json read_answer(const YamlReader& r, const YAML::Node& node) {
  if (!node.IsMap()) r.fail(node, "an answer is a map: {match, status, text, user_id, ...}");
  r.only_keys(node, {"match", "status", "text", "user_id", "metadata", "silent", "hold", "version",
                     "request_id"});
  Json answer = Json::object();
  if (node["match"]) {
    if (!node["match"].IsMap()) r.fail(node["match"], "'match' is a map of request fields");
    r.only_keys(node["match"], kMatchFields);
    Json match = Json::object();
    for (const auto& item : node["match"])
      match[item.first.Scalar()] = r.text(item.second, "a 'match' value");
    answer["match"] = match;
  }
  if (node["status"]) {
    const int status = r.integer32(node["status"], "'status'", 100, 999);
    answer["status_code"] = std::to_string(status);
  }
  if (node["text"]) answer["status_text"] = r.text(node["text"], "'text'");
  if (node["user_id"]) answer["user_id"] = r.text(node["user_id"], "'user_id'");
  if (node["metadata"]) {
    if (!node["metadata"].IsMap()) r.fail(node["metadata"], "'metadata' is a map name: value");
    Json metadata = Json::object();
    for (const auto& item : node["metadata"])
      metadata[item.first.Scalar()] = r.text(item.second, "a metadata value");
    answer["metadata"] = metadata;
  }
  if (node["silent"]) answer["silent"] = r.boolean(node["silent"], "'silent'");
  if (node["hold"]) answer["hold"] = r.boolean(node["hold"], "'hold'");
  if (node["version"]) answer["version"] = r.text(node["version"], "'version'");
  if (node["request_id"]) answer["request_id"] = r.text(node["request_id"], "'request_id'");
  return answer;
}

struct ZapHandler final : StepOf<ZapHandler> {
  static constexpr const char* kName = "zap_handler";
  static constexpr const char* kSummary =
      "Starts a ZAP handler (RFC 27) in the role's context: each request gets the first answer "
      "whose `match` fits it (a request none fits: 500). An answer is {match: {mechanism, domain, "
      "address, username, password, client_key (Z85)}, status (200 default), text, user_id, "
      "metadata: {name: value}, silent (never answers), hold (answers at `zap_release`), version "
      "and request_id (the reply's, "
      "wrong on purpose)}. Needs the agent's `zap_handler` operation, else UNSUPPORTED.";

  Role role = Role::a;
  Json answers = Json::array();

  static Fields<ZapHandler> fields() {
    return {
        field::role("role", &ZapHandler::role, "whose context"),
        field::custom<ZapHandler>("answers", "list of answers",
                                  "the handler's answers, tried in order",
                                  [](const StepLoad& load, const YAML::Node& node, ZapHandler& s) {
                                    if (!node.IsSequence() || node.size() == 0)
                                      load.fail(node, "'answers' is a non-empty list");
                                    for (const auto& answer : node)
                                      s.answers.push_back(read_answer(load.reader, answer));
                                  })
            .required(),
    };
  }

  void play(CaseContext& cx) const override {
    AgentClient& agent = cx.agent_for(role);
    cx.note(std::string("zap_handler in ") + role_name(role));
    Reply r =
        cx.call(agent, "zap_handler", {{"ctx", context_for(cx, agent)}, {"answers", answers}});
    cx.expect_ok(r, "a ZAP handler bound to inproc://zeromq.zap.01");
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(zap_handler, ZapHandler)

}  // namespace zconform::steps
