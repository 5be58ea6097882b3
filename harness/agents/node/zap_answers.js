"use strict";
// The scenario's side of a ZAP handler (PROTOCOL.md "ZAP handler", RFC 27), apart from any
// binding: the answers list parsed, a request's record, the answer that fits it and the reply's
// frames. Records and replies are those of the libzmq and pyzmq agents (zap_answers.cpp,
// zap_handler.py), field for field, so that a scenario reads every agent's records alike.
const {badRequest} = require("./replies");
const {z85Encode} = require("./z85");

const MATCH_FIELDS = new Set(["mechanism", "domain", "address", "username", "password", "client_key"]);

function textOf(answer, field, fallback) {
  const value = answer[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "string") throw badRequest(`answer field '${field}' is a string`);
  return value;
}

function pairsOf(answer, field) {
  const value = answer[field];
  if (value === undefined || value === null) return [];
  if (typeof value !== "object" || Array.isArray(value)) throw badRequest(`answer field '${field}' is an object`);
  return Object.entries(value).map(([name, text]) => {
    if (typeof text !== "string") throw badRequest(`answer field '${field}.${name}' is a string`);
    return [name, text];
  });
}

function flagOf(answer, field) {
  const value = answer[field];
  if (value === undefined) return false;
  if (typeof value !== "boolean") throw badRequest(`answer field '${field}' is true or false`);
  return value;
}

function parseAnswers(answers) {
  if (!Array.isArray(answers)) throw badRequest("field 'answers' is a list");
  return answers.map((given) => {
    if (typeof given !== "object" || given === null || Array.isArray(given)) {
      throw badRequest("each answer is an object");
    }
    const match = pairsOf(given, "match");
    const unknown = match.find(([name]) => !MATCH_FIELDS.has(name));
    if (unknown) throw badRequest(`answer field 'match.${unknown[0]}' is not a request field`);
    return {
      match, statusCode: textOf(given, "status_code", "200"), statusText: textOf(given, "status_text", ""),
      userId: textOf(given, "user_id", ""), metadata: pairsOf(given, "metadata"),
      silent: flagOf(given, "silent"), hold: flagOf(given, "hold"),
      version: textOf(given, "version", null), requestId: textOf(given, "request_id", null),
    };
  });
}

// The record of one request: `frames` are those after the ROUTER's envelope. Text fields are the
// octets as UTF-8, as the libzmq agent writes them.
function requestRecord(frames) {
  const record = {frames: frames.length};
  ["version", "request_id", "domain", "address"].forEach((name, i) => {
    if (i < frames.length) record[name] = frames[i].toString("utf8");
  });
  if (frames.length > 4) record.routing_id = frames[4].toString("base64");
  if (frames.length > 5) record.mechanism = frames[5].toString("utf8");
  record.credentials = frames.slice(6).map((f) => f.toString("base64"));
  if (record.mechanism === "PLAIN" && frames.length === 8) {
    record.username = frames[6].toString("utf8");
    record.password = frames[7].toString("utf8");
  } else if (record.mechanism === "CURVE" && frames.length === 7 && frames[6].length === 32) {
    record.client_key = z85Encode(frames[6]);
  }
  return record;
}

function chooseAnswer(answers, record) {
  return answers.find((a) => a.match.every(([field, wanted]) => record[field] === wanted)) ?? null;
}

// RFC 27's metadata frame is ZMTP's property list: name length (1 octet), name, value length
// (4 octets, network order), value.
function encodeMetadata(pairs) {
  return Buffer.concat(pairs.flatMap(([name, value]) => {
    const nameBytes = Buffer.from(name), valueBytes = Buffer.from(value);
    const size = Buffer.alloc(4);
    size.writeUInt32BE(valueBytes.length);
    return [Buffer.from([nameBytes.length]), nameBytes, size, valueBytes];
  }));
}

// The reply's six frames (after the envelope) to the request whose frames (after the envelope)
// are `request`: its request id goes back as the octets that came. A request no answer fits gets
// 500.
function replyFrames(answer, request) {
  const requestId = request.length > 1 ? request[1] : Buffer.alloc(0);
  if (!answer) {
    return [Buffer.from("1.0"), requestId, ...["500", "zconform: no answer matched", "", ""].map((t) => Buffer.from(t))];
  }
  return [Buffer.from(answer.version ?? "1.0"),
          answer.requestId === null ? requestId : Buffer.from(answer.requestId),
          ...[answer.statusCode, answer.statusText, answer.userId].map((t) => Buffer.from(t)),
          encodeMetadata(answer.metadata)];
}

module.exports = {parseAnswers, requestRecord, chooseAnswer, replyFrames};
