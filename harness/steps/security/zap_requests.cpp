// zap_requests: the ZAP requests the role's handler received (zap_handler), checked against RFC 27
// (ZAP-03) and against what the scenario expects of each. Needs no wait: the agent records a
// request before it answers, so any effect of the answer on a peer implies the record exists.
#include "protocol/base64.hpp"
#include "run/linking.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

const std::vector<std::string> kRequestFields = {"version",    "request_id", "domain",   "address",
                                                 "routing_id", "mechanism",  "username", "password",
                                                 "client_key", "answered"};

// RFC 27: the credentials frames each mechanism sends.
std::optional<size_t> credentials_of(const std::string& mechanism) {
  if (mechanism == "NULL") return 0;
  if (mechanism == "PLAIN") return 2;
  if (mechanism == "CURVE") return 1;
  return std::nullopt;
}

struct ZapRequests final : StepOf<ZapRequests> {
  static constexpr const char* kName = "zap_requests";
  static constexpr const char* kSummary =
      "Checks the requests the role's ZAP handler received: exactly `count` of them (default: at "
      "least as many as `expect` lists; a refused client may try again), each well formed per RFC "
      "27 (version \"1.0\", a request id, the "
      "credentials frames its mechanism defines: NULL none, PLAIN 2, CURVE one of 32 octets), "
      "and the i-th equal to the i-th of `expect` in the fields given ({version, request_id, "
      "domain, address, routing_id, mechanism, username, password, client_key (Z85), answered "
      "(the status it got; ~ = none)}; \"*\" = any non-empty value).";

  Role role = Role::a;
  std::vector<std::map<std::string, std::optional<std::string>>> expect;
  std::optional<int> count;

  static Fields<ZapRequests> fields() {
    return {
        field::role("role", &ZapRequests::role, "whose handler"),
        field::custom<ZapRequests>(
            "expect", "list of {field: value}", "what each request holds, in arrival order",
            [](const StepLoad& load, const YAML::Node& node, ZapRequests& s) {
              if (!node.IsSequence()) load.fail(node, "'expect' is a list of requests");
              for (const auto& request : node) {
                if (!request.IsMap()) load.fail(request, "a request is a map of fields");
                load.reader.only_keys(request, kRequestFields);
                std::map<std::string, std::optional<std::string>> fields;
                for (const auto& item : request) {
                  if (item.second.IsNull()) {
                    fields[item.first.Scalar()] = std::nullopt;
                  } else {
                    fields[item.first.Scalar()] = load.reader.text(item.second, "a request field");
                  }
                }
                s.expect.push_back(std::move(fields));
              }
            }),
        field::integer(
            "count", &ZapRequests::count, 0, 1000,
            "exactly how many requests in all (default: at least the length of `expect`)"),
    };
  }

  static std::string text(const Json& record, const std::string& field) {
    auto it = record.find(field);
    return it != record.end() && it->is_string() ? it->get<std::string>() : "";
  }

  void check_well_formed(CaseContext& cx, const Json& record, size_t i) const {
    const std::string which = "ZAP request " + std::to_string(i + 1);
    if (record.value("frames", 0) < 6)
      cx.fail(which + " of at least 6 frames (RFC 27)",
              std::to_string(record.value("frames", 0)) + " frames");
    if (text(record, "version") != "1.0")
      cx.fail(which + " with version \"1.0\"", "\"" + text(record, "version") + "\"");
    if (text(record, "request_id").empty()) cx.fail(which + " with a request id", "none");
    const std::string mechanism = text(record, "mechanism");
    const auto wanted = credentials_of(mechanism);
    const Json credentials = record.value("credentials", Json::array());
    if (wanted && credentials.size() != *wanted)
      cx.fail(which + ": " + std::to_string(*wanted) + " credentials frame(s) for " + mechanism,
              std::to_string(credentials.size()));
    if (mechanism == "CURVE" && credentials.size() == 1) {
      auto key = protocol::base64_decode(credentials[0].get<std::string>());
      if (!key || key->size() != 32)
        cx.fail(which + ": a 32-octet CURVE public key",
                std::to_string(key ? key->size() : 0) + " octets");
    }
  }

  void check_expected(CaseContext& cx, const Json& record, size_t i) const {
    for (const auto& [field, wanted] : expect[i]) {
      const std::string which = "ZAP request " + std::to_string(i + 1) + "'s " + field;
      auto it = record.find(field);
      const bool present = it != record.end() && !it->is_null();
      const std::string got = present && it->is_string() ? it->get<std::string>() : "";
      if (!wanted) {
        if (present) cx.fail(which + ": none", "\"" + got + "\"");
      } else if (*wanted == "*") {
        if (got.empty()) cx.fail(which + ": any non-empty value", "none");
      } else if (field == "routing_id" ? got != protocol::base64_encode(*wanted) : got != *wanted) {
        cx.fail(which + ": \"" + *wanted + "\"",
                present ? (field == "routing_id" ? it->dump() : "\"" + got + "\"") : "none");
      }
    }
  }

  void play(CaseContext& cx) const override {
    AgentClient& agent = cx.agent_for(role);
    cx.note(std::string("zap_requests in ") + role_name(role));
    Reply r = cx.call(agent, "zap_requests", {{"ctx", context_for(cx, agent)}});
    cx.expect_ok(r, "zap_requests");
    const Json requests = r.body.value("requests", Json::array());
    cx.observe("zap_requests", requests);
    if (count && requests.size() != static_cast<size_t>(*count))
      cx.fail(std::to_string(*count) + " ZAP request(s)", std::to_string(requests.size()));
    if (!count && requests.size() < expect.size())
      cx.fail("at least " + std::to_string(expect.size()) + " ZAP request(s)",
              std::to_string(requests.size()));
    for (size_t i = 0; i < requests.size(); ++i) {
      check_well_formed(cx, requests[i], i);
      if (i < expect.size()) check_expected(cx, requests[i], i);
    }
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(zap_requests, ZapRequests)

}  // namespace zconform::steps
