#include "option_table.hpp"

#include <zmq.h>

#include <algorithm>
#include <array>

#include "protocol/option_types.hpp"

namespace zconform::libzmq_agent {

namespace {

using enum OptionKind;

// zmq.h declares ZMQ_ZAP_ENFORCE_DOMAIN under ZMQ_BUILD_DRAFT_API only, yet libzmq 4.3's
// options.cpp (4.3.4: line 758) takes it in every build: the number stands here.
constexpr int kZapEnforceDomain = 93;

// Every constant here is in libzmq 4.3.4's stable zmq.h (no ZMQ_BUILD_DRAFT_API needed).
constexpr std::array kOptions{
    // The options PROTOCOL.md lists.
    OptionSpec{"linger", ZMQ_LINGER, integer},
    OptionSpec{"sndhwm", ZMQ_SNDHWM, integer},
    OptionSpec{"rcvhwm", ZMQ_RCVHWM, integer},
    OptionSpec{"sndtimeo", ZMQ_SNDTIMEO, integer},
    OptionSpec{"rcvtimeo", ZMQ_RCVTIMEO, integer},
    OptionSpec{"sndbuf", ZMQ_SNDBUF, integer},
    OptionSpec{"rcvbuf", ZMQ_RCVBUF, integer},
    OptionSpec{"reconnect_ivl", ZMQ_RECONNECT_IVL, integer},
    OptionSpec{"reconnect_ivl_max", ZMQ_RECONNECT_IVL_MAX, integer},
    OptionSpec{"backlog", ZMQ_BACKLOG, integer},
    OptionSpec{"maxmsgsize", ZMQ_MAXMSGSIZE, integer64},
    OptionSpec{"multicast_hops", ZMQ_MULTICAST_HOPS, integer},
    OptionSpec{"handshake_ivl", ZMQ_HANDSHAKE_IVL, integer},
    OptionSpec{"heartbeat_ivl", ZMQ_HEARTBEAT_IVL, integer},
    OptionSpec{"heartbeat_ttl", ZMQ_HEARTBEAT_TTL, integer},
    OptionSpec{"heartbeat_timeout", ZMQ_HEARTBEAT_TIMEOUT, integer},
    OptionSpec{"tos", ZMQ_TOS, integer},
    OptionSpec{"events", ZMQ_EVENTS, integer},
    OptionSpec{"type", ZMQ_TYPE, integer},
    OptionSpec{"immediate", ZMQ_IMMEDIATE, boolean},
    OptionSpec{"ipv6", ZMQ_IPV6, boolean},
    OptionSpec{"router_mandatory", ZMQ_ROUTER_MANDATORY, boolean},
    OptionSpec{"router_handover", ZMQ_ROUTER_HANDOVER, boolean},
    OptionSpec{"req_relaxed", ZMQ_REQ_RELAXED, boolean},
    OptionSpec{"req_correlate", ZMQ_REQ_CORRELATE, boolean},
    OptionSpec{"xpub_verbose", ZMQ_XPUB_VERBOSE, boolean},
    OptionSpec{"xpub_verboser", ZMQ_XPUB_VERBOSER, boolean},
    OptionSpec{"xpub_nodrop", ZMQ_XPUB_NODROP, boolean},
    OptionSpec{"xpub_manual", ZMQ_XPUB_MANUAL, boolean},
    OptionSpec{"conflate", ZMQ_CONFLATE, boolean},
    OptionSpec{"probe_router", ZMQ_PROBE_ROUTER, boolean},
    OptionSpec{"rcvmore", ZMQ_RCVMORE, boolean},
    OptionSpec{"invert_matching", ZMQ_INVERT_MATCHING, boolean},
    OptionSpec{"stream_notify", ZMQ_STREAM_NOTIFY, boolean},
    OptionSpec{"routing_id", ZMQ_ROUTING_ID, binary},
    OptionSpec{"subscribe", ZMQ_SUBSCRIBE, binary},
    OptionSpec{"unsubscribe", ZMQ_UNSUBSCRIBE, binary},
    OptionSpec{"xpub_welcome_msg", ZMQ_XPUB_WELCOME_MSG, binary},
    OptionSpec{"connect_routing_id", ZMQ_CONNECT_ROUTING_ID, binary},
    OptionSpec{"curve_publickey", ZMQ_CURVE_PUBLICKEY, binary},
    OptionSpec{"curve_secretkey", ZMQ_CURVE_SECRETKEY, binary},
    OptionSpec{"curve_serverkey", ZMQ_CURVE_SERVERKEY, binary},
    OptionSpec{"last_endpoint", ZMQ_LAST_ENDPOINT, text},
    OptionSpec{"zap_domain", ZMQ_ZAP_DOMAIN, text},
    OptionSpec{"plain_username", ZMQ_PLAIN_USERNAME, text},
    OptionSpec{"plain_password", ZMQ_PLAIN_PASSWORD, text},
    OptionSpec{"socks_proxy", ZMQ_SOCKS_PROXY, text},
    OptionSpec{"bindtodevice", ZMQ_BINDTODEVICE, text},
    // Further stable options with a plain value kind; cheap to offer, and the driver only uses
    // what a case asks for.
    OptionSpec{"affinity", ZMQ_AFFINITY, integer64},
    OptionSpec{"rate", ZMQ_RATE, integer},
    OptionSpec{"recovery_ivl", ZMQ_RECOVERY_IVL, integer},
    OptionSpec{"connect_timeout", ZMQ_CONNECT_TIMEOUT, integer},
    OptionSpec{"tcp_maxrt", ZMQ_TCP_MAXRT, integer},
    OptionSpec{"tcp_keepalive", ZMQ_TCP_KEEPALIVE, integer},
    OptionSpec{"tcp_keepalive_cnt", ZMQ_TCP_KEEPALIVE_CNT, integer},
    OptionSpec{"tcp_keepalive_idle", ZMQ_TCP_KEEPALIVE_IDLE, integer},
    OptionSpec{"tcp_keepalive_intvl", ZMQ_TCP_KEEPALIVE_INTVL, integer},
    OptionSpec{"multicast_maxtpdu", ZMQ_MULTICAST_MAXTPDU, integer},
    OptionSpec{"mechanism", ZMQ_MECHANISM, integer},
    OptionSpec{"plain_server", ZMQ_PLAIN_SERVER, boolean},
    OptionSpec{"zap_enforce_domain", kZapEnforceDomain, boolean},
    OptionSpec{"curve_server", ZMQ_CURVE_SERVER, boolean},
    OptionSpec{"router_raw", ZMQ_ROUTER_RAW, boolean},
    OptionSpec{"thread_safe", ZMQ_THREAD_SAFE, boolean},
};

// The options whose values are bytes are the protocol's list, no more and no fewer.
constexpr bool binary_kinds_match_the_protocol() {
  for (const auto& o : kOptions) {
    if ((o.kind == binary) != protocol::is_binary_option(o.name)) return false;
  }
  for (auto name : protocol::kBinaryOptions) {
    if (std::none_of(kOptions.begin(), kOptions.end(),
                     [name](const OptionSpec& o) { return o.name == name; }))
      return false;
  }
  return true;
}
static_assert(binary_kinds_match_the_protocol(),
              "binary options differ from protocol/option_types.hpp");

}  // namespace

std::span<const OptionSpec> all_options() { return kOptions; }

const OptionSpec* find_option(std::string_view name) {
  auto it = std::find_if(kOptions.begin(), kOptions.end(),
                         [name](const OptionSpec& spec) { return spec.name == name; });
  return it == kOptions.end() ? nullptr : &*it;
}

}  // namespace zconform::libzmq_agent
