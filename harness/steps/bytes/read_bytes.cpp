// read_bytes: what the plain TCP peer ('peer: bytes') receives is exactly the data, with nothing
// before, around or after it (STREAM-02): a greeting or a frame header shows as octets that do
// not match, or as octets where silence was expected.
#include <chrono>

#include "run/wire_session.hpp"
#include "steps/step_support.hpp"
#include "zmtp/describe.hpp"

namespace zconform::steps {
namespace {

// Where no octet is expected, up to this many of those that came anyway are shown (a greeting's
// first 64).
constexpr size_t kShown = 64;

struct ReadBytes final : StepOf<ReadBytes> {
  static constexpr const char* kName = "read_bytes";
  static constexpr const char* kSummary =
      "The raw peer reads: exactly `data`; or nothing at all for `silent_ms`; or, with `closed`, "
      "the end of the connection (no octet before it).";
  static constexpr bool kRawPeer = true;

  std::optional<std::string> data;
  int silent_ms = -1;
  bool closed = false;

  static Shorthand shorthand() { return Shorthand::scalar_is("data"); }
  static Fields<ReadBytes> fields() {
    return {
        field::custom<ReadBytes>("data", "bytes", "the octets expected, exactly",
                                 [](const StepLoad& load, const YAML::Node& node, ReadBytes& s) {
                                   s.data = load.reader.bytes(node);
                                 }),
        field::integer("silent_ms", &ReadBytes::silent_ms, 1, 60000,
                       "no octet may arrive for this long"),
        field::boolean("closed", &ReadBytes::closed,
                       "the implementation closes the connection, sending nothing first"),
    };
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    const int given = (data ? 1 : 0) + (silent_ms >= 0 ? 1 : 0) + (closed ? 1 : 0);
    if (given != 1) load.fail(map, "'read_bytes' takes exactly one of data, silent_ms, closed");
  }

  void play(CaseContext& cx) const override {
    WirePeer& wire = wire_peer(cx);
    std::string got;
    if (data) {
      cx.note("read " + std::to_string(data->size()) + " octets");
      const auto ended = wire.read_bytes(got, data->size(), cx.steps_deadline);
      const std::string expected =
          std::to_string(data->size()) + " octets: " + zmtp::describe_bytes(*data);
      if (got != *data) {
        std::string actual = std::to_string(got.size()) + " octets: " + zmtp::describe_bytes(got);
        if (ended == WirePeer::Bytes::closed) actual += ", then the connection closed";
        if (ended == WirePeer::Bytes::timeout) actual += ", then nothing by the case deadline";
        cx.fail(expected, actual);
      }
      return;
    }
    if (closed) {
      cx.note("read until the connection closes");
      const auto ended = wire.read_bytes(got, kShown, cx.steps_deadline);
      if (ended == WirePeer::Bytes::closed && got.empty()) return;
      cx.fail("the implementation closes the connection, sending nothing",
              ended == WirePeer::Bytes::timeout
                  ? "still open at the case deadline"
                  : "it sent " + zmtp::describe_bytes(got) + " first");
    }
    cx.note("no octet for " + std::to_string(silent_ms) + " ms");
    const auto until =
        std::min(cx.steps_deadline, Clock::now() + std::chrono::milliseconds(silent_ms));
    const auto ended = wire.read_bytes(got, kShown, until);
    if (ended == WirePeer::Bytes::timeout && got.empty()) return;
    cx.fail("no octet for " + std::to_string(silent_ms) + " ms",
            ended == WirePeer::Bytes::closed && got.empty()
                ? "the connection closed"
                : "octets arrived: " + zmtp::describe_bytes(got) + " ...");
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(read_bytes, ReadBytes)

}  // namespace zconform::steps
