"use strict";
// Z85 (RFC 32) encoding, for the one place the Node.js agents need it: a CURVE client key in a ZAP
// request record is reported as its Z85 text (PROTOCOL.md "ZAP handler"), and zeromq.js exports
// no zmq_z85_encode.
const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" +
                 ".-:+=^!/*?&<>()[]{}@%$#";

// `bytes`' Z85 text; null when its length is no multiple of 4 (RFC 32 encodes no other).
function z85Encode(bytes) {
  if (bytes.length % 4 !== 0) return null;
  let text = "";
  for (let i = 0; i < bytes.length; i += 4) {
    let value = bytes.readUInt32BE(i);
    let chunk = "";
    for (let j = 0; j < 5; j++) {
      chunk = ALPHABET[value % 85] + chunk;
      value = Math.floor(value / 85);
    }
    text += chunk;
  }
  return text;
}

module.exports = {z85Encode};
