#include "zap_answers.hpp"

#include <zmq.h>

#include <cstdint>

#include "errors.hpp"
#include "protocol/base64.hpp"

namespace zconform::libzmq_agent {

using protocol::Json;

namespace {

// Matches compare text, and these are what scenarios write: a mechanism, a PLAIN user name and
// password, a CURVE client key (Z85), the domain, the peer's address.
constexpr const char* kMatchFields[] = {"mechanism", "domain",   "address",
                                        "username",  "password", "client_key"};

std::string text_of(const Json& object, const char* field, const std::string& fallback) {
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return fallback;
  if (!it->is_string()) throw BadRequest(std::string("answer field '") + field + "' is a string");
  return it->get<std::string>();
}

std::optional<std::string> optional_text(const Json& object, const char* field) {
  if (!object.contains(field) || object.at(field).is_null()) return std::nullopt;
  return text_of(object, field, "");
}

std::vector<std::pair<std::string, std::string>> string_pairs(const Json& object,
                                                              const char* field) {
  std::vector<std::pair<std::string, std::string>> pairs;
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return pairs;
  if (!it->is_object()) throw BadRequest(std::string("answer field '") + field + "' is an object");
  for (const auto& [name, value] : it->items()) {
    if (!value.is_string())
      throw BadRequest(std::string("answer field '") + field + "." + name + "' is a string");
    pairs.emplace_back(name, value.get<std::string>());
  }
  return pairs;
}

std::string z85_of_key(const std::string& key) {
  if (key.size() != 32) return {};
  char text[41] = {};
  zmq_z85_encode(text, reinterpret_cast<const uint8_t*>(key.data()), key.size());
  return text;
}

// RFC 27's metadata frame is ZMTP's property list: name length (1 octet), name, value length
// (4 octets, network order), value.
std::string encode_metadata(const std::vector<std::pair<std::string, std::string>>& properties) {
  std::string out;
  for (const auto& [name, value] : properties) {
    out += static_cast<char>(name.size());
    out += name;
    const auto size = static_cast<uint32_t>(value.size());
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((size >> shift) & 0xff);
    out += value;
  }
  return out;
}

}  // namespace

std::vector<ZapAnswer> parse_zap_answers(const Json& answers) {
  if (!answers.is_array()) throw BadRequest("field 'answers' is a list");
  std::vector<ZapAnswer> out;
  for (const Json& given : answers) {
    if (!given.is_object()) throw BadRequest("each answer is an object");
    ZapAnswer a;
    a.match = string_pairs(given, "match");
    for (const auto& [field, value] : a.match) {
      bool known = false;
      for (const char* name : kMatchFields) known = known || field == name;
      if (!known) throw BadRequest("answer field 'match." + field + "' is not a request field");
    }
    a.status_code = text_of(given, "status_code", "200");
    a.status_text = text_of(given, "status_text", "");
    a.user_id = text_of(given, "user_id", "");
    a.metadata = string_pairs(given, "metadata");
    if (given.contains("silent")) {
      if (!given["silent"].is_boolean()) throw BadRequest("answer field 'silent' is true or false");
      a.silent = given["silent"].get<bool>();
    }
    if (given.contains("hold")) {
      if (!given["hold"].is_boolean()) throw BadRequest("answer field 'hold' is true or false");
      a.hold = given["hold"].get<bool>();
    }
    a.version = optional_text(given, "version");
    a.request_id = optional_text(given, "request_id");
    out.push_back(std::move(a));
  }
  return out;
}

Json zap_request_record(const std::vector<std::string>& frames) {
  Json record{{"frames", frames.size()}};
  const char* text_fields[] = {"version", "request_id", "domain", "address"};
  for (size_t i = 0; i < 4 && i < frames.size(); ++i) record[text_fields[i]] = frames[i];
  if (frames.size() > 4) record["routing_id"] = protocol::base64_encode(frames[4]);
  if (frames.size() > 5) record["mechanism"] = frames[5];
  Json credentials = Json::array();
  for (size_t i = 6; i < frames.size(); ++i)
    credentials.push_back(protocol::base64_encode(frames[i]));
  record["credentials"] = credentials;
  // The credentials as their mechanism defines them (RFC 27), for matching and for people.
  const std::string mechanism = record.value("mechanism", "");
  if (mechanism == "PLAIN" && frames.size() == 8) {
    record["username"] = frames[6];
    record["password"] = frames[7];
  } else if (mechanism == "CURVE" && frames.size() == 7) {
    record["client_key"] = z85_of_key(frames[6]);
  }
  return record;
}

const ZapAnswer* choose_zap_answer(const std::vector<ZapAnswer>& answers, const Json& record) {
  for (const ZapAnswer& a : answers) {
    bool fits = true;
    for (const auto& [field, wanted] : a.match) {
      auto it = record.find(field);
      fits = fits && it != record.end() && it->is_string() && it->get<std::string>() == wanted;
    }
    if (fits) return &a;
  }
  return nullptr;
}

std::vector<std::string> zap_reply_frames(const ZapAnswer* answer, const Json& record) {
  const std::string request_id = record.value("request_id", "");
  if (answer == nullptr) return {"1.0", request_id, "500", "zconform: no answer matched", "", ""};
  return {answer->version.value_or("1.0"),
          answer->request_id.value_or(request_id),
          answer->status_code,
          answer->status_text,
          answer->user_id,
          encode_metadata(answer->metadata)};
}

}  // namespace zconform::libzmq_agent
