#pragma once
// RFC 32's 85 characters, for steps that check a Z85 text's form.
#include <string_view>

namespace zconform::steps {

inline constexpr std::string_view kZ85Alphabet =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

}  // namespace zconform::steps
