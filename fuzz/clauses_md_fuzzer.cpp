// Fuzz target: CLAUSES.md, the catalogue every case cites, as zconform parses it. Whatever the
// text, parsing must return a catalogue or throw a FileError; every clause it returns must be found
// again by its own ID.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "scenario/clauses.hpp"
#include "util/yaml_errors.hpp"

using namespace zconform;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    ClauseCatalogue catalogue = ClauseCatalogue::parse(text);
    for (const auto& [id, clause] : catalogue.all())
      if (!catalogue.find(id) || clause.id != id) std::abort();
  } catch (const FileError&) {
  }
  return 0;
}
