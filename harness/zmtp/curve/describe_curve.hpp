#pragma once
// CURVE handshake commands as one line of a wire transcript: their fields by RFC 26's layout
// ("CURVE HELLO version 1.0 nonce 1 C'=0a1b2c3d... (200 octets)"), where the generic describer
// would read a CURVE HELLO as PLAIN's and INITIATE's box as metadata.
#include <optional>
#include <string>
#include <string_view>

namespace zconform::zmtp::curve {

// For a HELLO, WELCOME, INITIATE or READY command body (malformed ones say what is wrong);
// nullopt for any other command.
std::optional<std::string> describe_curve_command(std::string_view body);

}  // namespace zconform::zmtp::curve
