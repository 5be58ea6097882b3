#pragma once
// Declarative field tables: one row per field of a step kind, giving its name, type, whether it
// is required (or its default), a one-line doc and how it is read. The same table reads the YAML,
// rejects unknown keys, reports missing ones, and writes the step reference
// (conformance/scenarios/README.md), so parser and docs cannot drift apart.
//
//   field::socket("socket", &Send::socket, "the socket that sends").required(),
//   field::integer("count", &Send::count, 1, 100000, "messages, numbered by \"{n}\""),
//
// A field stores into a member pointer, or into whatever an accessor lambda returns (nested
// structs); then the owning type is given explicitly: field::octet<Greet>("major", ...).
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "scenario/frame_syntax.hpp"
#include "scenario/step_load.hpp"

namespace zconform {

struct FieldDoc {
  std::string name;
  std::string type;      // "integer 1..100000", "socket", "blocks | drops", ...
  std::string presence;  // "required", or the default ("1", "none", ...)
  std::string doc;
};

template <typename S>
struct Field {
  FieldDoc doc;
  std::function<void(const StepLoad&, const YAML::Node&, S&)> read;
  bool is_required = false;

  Field required() && {
    is_required = true;
    doc.presence = "required";
    return std::move(*this);
  }
  // The default as the docs should say it, where the member's initial value does not say it well.
  Field defaults(std::string text) && {
    doc.presence = std::move(text);
    return std::move(*this);
  }
};

template <typename S>
using Fields = std::vector<Field<S>>;

namespace field_detail {

template <typename A>
struct MemberOwner {};
template <typename S, typename M>
struct MemberOwner<M S::*> {
  using type = S;
};

// The owner: given explicitly, or the class of a member pointer.
template <typename S, typename A>
struct OwnerOf {
  using type = S;
};
template <typename A>
struct OwnerOf<void, A> {
  using type = typename MemberOwner<A>::type;
};
template <typename S, typename A>
using Owner = typename OwnerOf<S, A>::type;

template <typename T>
std::string default_text(const T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    return value ? "true" : "false";
  } else if constexpr (std::is_integral_v<T>) {
    return value < 0 ? "none" : std::to_string(value);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return value.empty() ? "none" : "\"" + value + "\"";
  } else {
    return "none";
  }
}

template <typename T>
std::string default_text(const std::optional<T>& value) {
  return value ? default_text(*value) : "none";
}

// Builds a row: `convert(load, node)` gives the value stored through `access`.
template <typename S, typename A, typename Convert>
Field<S> make(std::string name, std::string type, std::string doc, A access, Convert convert) {
  S blank{};  // the step as it is before any field is read: its defaults
  Field<S> f;
  f.doc = {name, std::move(type), default_text(std::invoke(access, blank)), std::move(doc)};
  f.read = [access, convert](const StepLoad& load, const YAML::Node& node, S& s) {
    std::invoke(access, s) = convert(load, node);
  };
  return f;
}

inline std::string quoted(const std::string& name) { return "'" + name + "'"; }

}  // namespace field_detail

namespace field {

template <typename S = void, typename A>
auto integer(std::string name, A access, long long min, long long max, std::string doc) {
  using O = field_detail::Owner<S, A>;
  const std::string what = field_detail::quoted(name);
  return field_detail::make<O>(
      name, "integer " + std::to_string(min) + ".." + std::to_string(max), std::move(doc), access,
      [what, min, max](const StepLoad& load, const YAML::Node& node) {
        return load.reader.integer32(node, what, static_cast<int>(min), static_cast<int>(max));
      });
}

// A value one of YamlReader's readers reads: (reader.*read)(node, "'name'").
template <typename S, typename A, typename R>
auto read_by(std::string name, std::string type, std::string doc, A access,
             R (YamlReader::*read)(const YAML::Node&, std::string_view) const) {
  const std::string what = field_detail::quoted(name);
  return field_detail::make<field_detail::Owner<S, A>>(
      name, std::move(type), std::move(doc), access,
      [what, read](const StepLoad& load, const YAML::Node& node) {
        return (load.reader.*read)(node, what);
      });
}

template <typename S = void, typename A>
auto octet(std::string name, A access, std::string doc) {
  return read_by<S>(std::move(name), "integer 0..255", std::move(doc), access, &YamlReader::octet);
}

template <typename S = void, typename A>
auto boolean(std::string name, A access, std::string doc) {
  return read_by<S>(std::move(name), "true | false", std::move(doc), access, &YamlReader::boolean);
}

// A non-empty string.
template <typename S = void, typename A>
auto text(std::string name, A access, std::string doc, std::string type = "string") {
  return read_by<S>(std::move(name), std::move(type), std::move(doc), access, &YamlReader::text);
}

template <typename S = void, typename A>
auto texts(std::string name, A access, std::string doc, std::string type = "list of names") {
  using O = field_detail::Owner<S, A>;
  const std::string what = field_detail::quoted(name);
  return field_detail::make<O>(name, std::move(type), std::move(doc), access,
                               [what](const StepLoad& load, const YAML::Node& node) {
                                 return load.reader.texts(node, what);
                               });
}

// Bytes: "text", {hex: ...} or {size: N, fill: ...}.
template <typename S = void, typename A>
auto bytes(std::string name, A access, std::string doc) {
  using O = field_detail::Owner<S, A>;
  return field_detail::make<O>(
      name, "bytes", std::move(doc), access,
      [](const StepLoad& load, const YAML::Node& node) { return load.reader.bytes(node); });
}

// An errno name (EAGAIN, EFSM, ...) expected instead of success.
template <typename S = void, typename A>
auto errno_name(std::string name, A access, std::string doc) {
  return text<S>(std::move(name), access, std::move(doc), "errno name");
}

template <typename S = void, typename A>
auto socket(std::string name, A access, std::string doc) {
  using O = field_detail::Owner<S, A>;
  return field_detail::make<O>(
      name, "socket", std::move(doc), access,
      [](const StepLoad& load, const YAML::Node& node) { return load.socket(node); });
}

template <typename S = void, typename A>
auto sockets(std::string name, A access, size_t min, std::string doc) {
  using O = field_detail::Owner<S, A>;
  return field_detail::make<O>(
      name, "list of " + std::to_string(min) + "+ sockets", std::move(doc), access,
      [min](const StepLoad& load, const YAML::Node& node) { return load.sockets(node, min); });
}

template <typename S = void, typename A>
auto role(std::string name, A access, std::string doc) {
  using O = field_detail::Owner<S, A>;
  auto f = field_detail::make<O>(
      name, "A | B", std::move(doc), access,
      [](const StepLoad& load, const YAML::Node& node) { return load.role(node); });
  f.doc.presence = "A";
  return f;
}

template <typename S = void, typename A>
auto frames(std::string name, A access, std::string doc) {
  using O = field_detail::Owner<S, A>;
  return field_detail::make<O>(
      name, "frames", std::move(doc), access,
      [](const StepLoad& load, const YAML::Node& node) { return read_frames(load, node); });
}

template <typename S = void, typename A>
auto option_value(std::string name, A access, std::string doc) {
  using O = field_detail::Owner<S, A>;
  return field_detail::make<O>(name, "integer | true | false | string | {hex} | {var}",
                               std::move(doc), access,
                               [](const StepLoad& load, const YAML::Node& node) {
                                 return read_option_value(load.reader, node);
                               });
}

template <typename S = void, typename A>
auto endpoint(std::string name, A access, std::string doc) {
  using O = field_detail::Owner<S, A>;
  auto f = field_detail::make<O>(
      name, "auto | {of: socket} | endpoint", std::move(doc), access,
      [](const StepLoad& load, const YAML::Node& node) { return read_endpoint(load, node); });
  f.doc.presence = "auto";
  return f;
}

// One of a fixed set of names.
template <typename S = void, typename A, typename E>
auto choice(std::string name, A access, std::vector<std::pair<std::string, E>> names,
            std::string doc) {
  using O = field_detail::Owner<S, A>;
  std::string type;
  for (const auto& [n, v] : names) type += (type.empty() ? "" : " | ") + n;
  const std::string what = field_detail::quoted(name);
  auto f = field_detail::make<O>(name, type, std::move(doc), access,
                                 [what, names](const StepLoad& load, const YAML::Node& node) {
                                   return load.reader.choice<E>(node, what, names);
                                 });
  O blank{};
  f.doc.presence = "none";
  for (const auto& [n, v] : names) {
    if (std::invoke(access, blank) == v) f.doc.presence = n;
  }
  return f;
}

// Anything else: the reader stores what it read itself.
template <typename S>
Field<S> custom(std::string name, std::string type, std::string doc,
                std::function<void(const StepLoad&, const YAML::Node&, S&)> read) {
  Field<S> f;
  f.doc = {std::move(name), std::move(type), "none", std::move(doc)};
  f.read = std::move(read);
  return f;
}

}  // namespace field

// Reads `map` into `out`: unknown keys and missing required fields are errors (a missing one at
// the step's line: a map written in a short form has no line of its own).
template <typename S>
void read_fields(const StepLoad& load, const YAML::Node& map, const Fields<S>& fields, S& out) {
  std::vector<std::string> names;
  for (const auto& f : fields) names.push_back(f.doc.name);
  load.reader.only_keys(map, names);
  for (const auto& f : fields) {
    const YAML::Node node = map.IsMap() ? map[f.doc.name] : YAML::Node();
    if (node) {
      f.read(load, node, out);
    } else if (f.is_required) {
      load.fail_step("missing field '" + f.doc.name + "'");
    }
  }
}

}  // namespace zconform
