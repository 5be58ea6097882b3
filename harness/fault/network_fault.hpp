#pragma once
// What the fault relay (fault_relay.hpp) does to the connections it carries. The relay's own type:
// the scenario layer's `fault` step translates into it, the relay knows nothing of scenarios.
namespace zconform {

struct NetworkFault {
  enum class Kind { cut, black_hole, delay, drip, half_close, restore };
  Kind kind = Kind::restore;
  int delay_ms = 0;  // delay: how long every chunk is held, each direction
  int bytes = 0;     // drip: octets let through per tick
  int every_ms = 0;  // drip: the tick
};

// "cut", "black_hole", ... as scenarios and the relay's stats write them.
inline const char* to_string(NetworkFault::Kind kind) {
  static const char* names[] = {"cut", "black_hole", "delay", "drip", "half_close", "restore"};
  return names[static_cast<int>(kind)];
}

}  // namespace zconform
