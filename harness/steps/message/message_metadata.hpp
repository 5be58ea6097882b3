#pragma once
// Metadata a received message carries (zmq_msg_gets, META-01), as `recv` checks it:
//   properties: {Socket-Type: {type_of: a}, Peer-Address: {any: true}, X-Color: red, X-None: null}
// A value is expected exactly; {any: true}: present, whatever its value; null: absent;
// {type_of: socket}: the type of that socket of the case.
#include <string>
#include <vector>

#include "run/messaging.hpp"
#include "scenario/step_kind.hpp"

namespace zconform::steps {

struct MetadataExpectation {
  enum class Kind { value, absent, any, type_of };
  std::string name;
  Kind kind = Kind::value;
  std::string text;  // the value, or the socket whose type is expected
};
using MetadataSpecs = std::vector<MetadataExpectation>;

MetadataSpecs read_metadata(const StepLoad& load, const YAML::Node& node);
std::vector<std::string> metadata_names(const MetadataSpecs& specs);

template <typename S>
Field<S> metadata_field(MetadataSpecs S::*member, std::string doc) {
  return field::custom<S>("properties", "{name: value | null | {any: true} | {type_of: socket}}",
                          std::move(doc),
                          [member](const StepLoad& load, const YAML::Node& node, S& s) {
                            s.*member = read_metadata(load, node);
                          });
}

// Fails the case, naming every property that differs, unless `got` carries what is expected;
// UNSUPPORTED where the receiver's agent answered without metadata.
void check_metadata(CaseContext& cx, const SocketSlot& receiver, const MetadataSpecs& expected,
                    const Received& got, const std::string& what);

}  // namespace zconform::steps
