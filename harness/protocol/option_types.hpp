#pragma once
// Which socket options carry bytes rather than numbers: their values travel base64-encoded in the
// agent protocol (PROTOCOL.md, "Frames and binary values"). One list for the driver and the agents
// (the libzmq agent's option table is checked against it when it compiles).
#include <string_view>

namespace zconform::protocol {

// CURVE keys are bytes too: 32 octets, or their 40-character Z85 text (libzmq tells them apart by
// size); read back, they are the 32 octets.
inline constexpr std::string_view kBinaryOptions[] = {
    "routing_id",         "subscribe",       "unsubscribe",     "xpub_welcome_msg",
    "connect_routing_id", "curve_publickey", "curve_secretkey", "curve_serverkey"};

constexpr bool is_curve_key_option(std::string_view option) {
  return option == "curve_publickey" || option == "curve_secretkey" || option == "curve_serverkey";
}

constexpr bool is_binary_option(std::string_view option) {
  for (auto name : kBinaryOptions) {
    if (name == option) return true;
  }
  return false;
}

}  // namespace zconform::protocol
