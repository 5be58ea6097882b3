#include "protocol/messages.hpp"

#include "protocol/base64.hpp"

namespace zconform::protocol {

std::string quote_line(std::string_view line, size_t max_chars) {
  std::string out = "'";
  for (size_t i = 0; i < line.size() && i < max_chars; ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  out += "'";
  if (line.size() > max_chars) out += " (" + std::to_string(line.size()) + " bytes in all)";
  return out;
}

Json frames_to_json(const Frames& frames) {
  Json array = Json::array();
  for (const auto& frame : frames) array.push_back(base64_encode(frame));
  return array;
}

Frames frames_from_json(const Json& value, std::string_view field) {
  if (!value.is_array()) {
    throw ProtocolError("field '" + std::string(field) + "' must be a list of base64 strings");
  }
  Frames frames;
  frames.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    const Json& item = value[i];
    std::optional<std::string> bytes;
    if (item.is_string()) bytes = base64_decode(item.get_ref<const std::string&>());
    if (!bytes) {
      throw ProtocolError("field '" + std::string(field) + "[" + std::to_string(i) +
                          "]' is not a base64 string");
    }
    frames.push_back(std::move(*bytes));
  }
  return frames;
}

namespace {

Json parse_object(std::string_view line, std::string_view what) {
  Json object = Json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded()) {
    throw ProtocolError(std::string(what) + " is not JSON: " + quote_line(line));
  }
  if (!object.is_object()) {
    throw ProtocolError(std::string(what) + " is not a JSON object: " + quote_line(line));
  }
  return object;
}

uint64_t require_id(const Json& object, std::string_view line, std::string_view what) {
  auto it = object.find("id");
  if (it == object.end() || !it->is_number_unsigned() || it->get<uint64_t>() == 0) {
    throw ProtocolError(std::string(what) + " has no positive integer 'id': " + quote_line(line));
  }
  return it->get<uint64_t>();
}

std::string require_string(const Json& object, const char* field, std::string_view line,
                           std::string_view what) {
  auto it = object.find(field);
  if (it == object.end() || !it->is_string()) {
    throw ProtocolError(std::string(what) + " has no string '" + field + "': " + quote_line(line));
  }
  return it->get<std::string>();
}

std::string optional_string(const Json& object, const char* field) {
  auto it = object.find(field);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string encode_request(uint64_t id, std::string_view op, Json args) {
  if (!args.is_object()) args = Json::object();
  args["id"] = id;
  args["op"] = op;
  return args.dump();
}

Request parse_request(std::string_view line) {
  Json object = parse_object(line, "request");
  Request request;
  request.id = require_id(object, line, "request");
  request.op = require_string(object, "op", line, "request");
  request.args = std::move(object);
  return request;
}

AgentLine parse_agent_line(std::string_view line) {
  Json object = parse_object(line, "agent line");
  if (!object.contains("id")) {
    if (!object.contains("event")) {
      throw ProtocolError("agent line is neither a reply (no 'id') nor an event (no 'event'): " +
                          quote_line(line));
    }
    Event event;
    event.kind = require_string(object, "event", line, "event");
    event.body = std::move(object);
    return event;
  }
  Reply reply;
  reply.id = require_id(object, line, "reply");
  std::string status = require_string(object, "status", line, "reply");
  if (status == "ok") {
    reply.status = ReplyStatus::ok;
  } else if (status == "error") {
    reply.status = ReplyStatus::error;
    reply.error = require_string(object, "error", line, "error reply");
    reply.message = optional_string(object, "message");
  } else if (status == "unsupported") {
    reply.status = ReplyStatus::unsupported;
    reply.reason = optional_string(object, "reason");
    if (reply.reason.empty()) reply.reason = "the agent gave no reason";
  } else {
    throw ProtocolError("reply has unknown status '" + status +
                        "' (ok, error, unsupported): " + quote_line(line));
  }
  reply.body = std::move(object);
  return reply;
}

std::string encode_ok(uint64_t id, Json result) {
  if (!result.is_object()) result = Json::object();
  result["id"] = id;
  result["status"] = "ok";
  return result.dump();
}

std::string encode_error(uint64_t id, std::string_view errno_name, std::string_view message) {
  return Json{{"id", id}, {"status", "error"}, {"error", errno_name}, {"message", message}}.dump();
}

std::string encode_unsupported(uint64_t id, std::string_view reason) {
  return Json{{"id", id}, {"status", "unsupported"}, {"reason", reason}}.dump();
}

std::string encode_event(std::string_view kind, Json fields) {
  if (!fields.is_object()) fields = Json::object();
  fields["event"] = kind;
  return fields.dump();
}

}  // namespace zconform::protocol
