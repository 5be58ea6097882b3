#pragma once
// What the agent's ZAP handler (RFC 27) answers, as the scenario decided it (PROTOCOL.md, "ZAP
// handler"): the answers are tried in order and the first whose `match` fits a request gives the
// reply. Pure functions over frames, so the handler thread only moves messages.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "protocol/messages.hpp"

namespace zconform::libzmq_agent {

struct ZapAnswer {
  std::vector<std::pair<std::string, std::string>> match;  // request field -> value wanted
  std::string status_code = "200";
  std::string status_text;
  std::string user_id;
  std::vector<std::pair<std::string, std::string>> metadata;  // ZMTP properties, in order
  bool silent = false;                                        // never answers (SEC-01 mid-ZAP)
  bool hold = false;  // answers only once released (zap_release): after the server waited for it
  std::optional<std::string> version;     // the reply's, wrong on purpose; else "1.0"
  std::optional<std::string> request_id;  // the reply's, wrong on purpose; else the request's
};

// The request's `answers` list; BadRequest naming the field that is wrong.
std::vector<ZapAnswer> parse_zap_answers(const protocol::Json& answers);

// A request's frames after the envelope (version, request id, domain, address, routing id,
// mechanism, credentials...) as the record zap_requests reports. Fields that are missing are
// absent from the record; `frames` counts them all.
protocol::Json zap_request_record(const std::vector<std::string>& frames);

// The first answer that fits `record`, or nullptr.
const ZapAnswer* choose_zap_answer(const std::vector<ZapAnswer>& answers,
                                   const protocol::Json& record);

// The reply's frames after the envelope: version, request id, status code, status text, user id,
// metadata. With no answer: 500, so a case whose answers leave a request out sees it refused.
std::vector<std::string> zap_reply_frames(const ZapAnswer* answer, const protocol::Json& record);

}  // namespace zconform::libzmq_agent
