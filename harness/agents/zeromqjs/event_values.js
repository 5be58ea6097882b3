"use strict";
// The `value` of a monitor event (PROTOCOL.md "Events": libzmq's number) from the event zeromq.js
// gives, which carries it in a form of its own (src/observer.cc Receive): an errno in
// `error.errno`, the ZAP status code of HANDSHAKE_FAILED_AUTH in `error.status`, the protocol error
// of HANDSHAKE_FAILED_PROTOCOL as a name in `error.code` ("ERR_" + the ZMQ_PROTOCOL_ERROR_ suffix),
// CONNECT_RETRIED's interval in `interval`.

// zmq.h (libzmq 4.3.5), ZMQ_PROTOCOL_ERROR_*, by zeromq.js's names.
const PROTOCOL_ERRORS = {
  ERR_ZMTP_UNSPECIFIED: 0x10000000, ERR_ZMTP_UNEXPECTED_COMMAND: 0x10000001,
  ERR_ZMTP_INVALID_SEQUENCE: 0x10000002, ERR_ZMTP_KEY_EXCHANGE: 0x10000003,
  ERR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED: 0x10000011, ERR_ZMTP_MALFORMED_COMMAND_MESSAGE: 0x10000012,
  ERR_ZMTP_MALFORMED_COMMAND_HELLO: 0x10000013, ERR_ZMTP_MALFORMED_COMMAND_INITIATE: 0x10000014,
  ERR_ZMTP_MALFORMED_COMMAND_ERROR: 0x10000015, ERR_ZMTP_MALFORMED_COMMAND_READY: 0x10000016,
  ERR_ZMTP_MALFORMED_COMMAND_WELCOME: 0x10000017, ERR_ZMTP_INVALID_METADATA: 0x10000018,
  ERR_ZMTP_CRYPTOGRAPHIC: 0x11000001, ERR_ZMTP_MECHANISM_MISMATCH: 0x11000002,
  ERR_ZAP_UNSPECIFIED: 0x20000000, ERR_ZAP_MALFORMED_REPLY: 0x20000001,
  ERR_ZAP_BAD_REQUEST_ID: 0x20000002, ERR_ZAP_BAD_VERSION: 0x20000003,
  ERR_ZAP_INVALID_STATUS_CODE: 0x20000004, ERR_ZAP_INVALID_METADATA: 0x20000005,
  ERR_WS_UNSPECIFIED: 0x30000000,
};

function eventValue(event) {
  const error = event.error;
  if (event.type === "handshake:error:auth") return error?.status ?? 0;
  if (event.type === "handshake:error:protocol") return PROTOCOL_ERRORS[error?.code] ?? 0;
  return error?.errno ?? event.interval ?? 0;
}

module.exports = {eventValue};
