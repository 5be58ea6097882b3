#pragma once
// libzmq's draft API (routing ids and groups on messages, zmq_join/zmq_leave), found at run time:
// zmq.h declares it only under ZMQ_BUILD_DRAFT_API, and a library built without it lacks the
// symbols. So one agent binary serves Debian's libzmq and a draft build from scripts/build-libzmq
// alike (LD_LIBRARY_PATH in an implementation file).
#include <zmq.h>

#include <cstdint>

namespace zconform::libzmq_agent {

struct DraftApi {
  int (*msg_set_routing_id)(zmq_msg_t*, uint32_t) = nullptr;
  uint32_t (*msg_routing_id)(zmq_msg_t*) = nullptr;
  int (*msg_set_group)(zmq_msg_t*, const char*) = nullptr;
  const char* (*msg_group)(zmq_msg_t*) = nullptr;
  int (*join)(void*, const char*) = nullptr;
  int (*leave)(void*, const char*) = nullptr;

  // The library says it has the draft API and every function above was found. A build without it
  // still creates draft sockets, then aborts at their first handshake (mechanism.cpp:118 in
  // 4.3.4): the agent offers draft types only when this is true.
  bool available = false;
};

const DraftApi& draft_api();

}  // namespace zconform::libzmq_agent
