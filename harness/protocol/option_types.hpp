#pragma once
// Which socket options carry bytes rather than numbers: their values travel base64-encoded in the
// agent protocol (PROTOCOL.md, "Frames and binary values"). One list for the driver and the agents
// (the libzmq agent's option table is checked against it when it compiles).
#include <string_view>

namespace zconform::protocol {

inline constexpr std::string_view kBinaryOptions[] = {"routing_id", "subscribe", "unsubscribe",
                                                      "xpub_welcome_msg", "connect_routing_id"};

constexpr bool is_binary_option(std::string_view option) {
  for (auto name : kBinaryOptions) {
    if (name == option) return true;
  }
  return false;
}

}  // namespace zconform::protocol
