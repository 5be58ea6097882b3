// The step language documents itself: the reference in conformance/scenarios/README.md is what
// `zconform steps` prints from the field tables, and every kind and field has its doc.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "steps/step_registry.hpp"

using namespace zconform;

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST(StepReference, TheReadmeHoldsWhatTheFieldTablesSay) {
  const std::string readme =
      read_file(std::filesystem::path(ZCONFORM_SOURCE_DIR) / "conformance/scenarios/README.md");
  const auto begin = readme.find(kStepReferenceBegin);
  const auto end = readme.find(kStepReferenceEnd);
  ASSERT_NE(begin, std::string::npos) << "no step reference in the README";
  ASSERT_NE(end, std::string::npos);
  const std::string in_readme = readme.substr(begin, end + kStepReferenceEnd.size() + 1 - begin);
  EXPECT_EQ(in_readme, render_step_reference(step_registry()))
      << "the step reference in conformance/scenarios/README.md is stale: replace it with "
         "`build/zconform steps`";
}

TEST(StepReference, EveryKindAndFieldIsDocumented) {
  std::set<std::string> names;
  for (const StepKind* k : step_registry().kinds()) {
    EXPECT_TRUE(names.insert(k->name).second) << k->name;
    EXPECT_GT(k->summary.size(), 20u) << k->name;
    ASSERT_TRUE(k->parse) << k->name;
    std::set<std::string> fields;
    for (const auto& f : k->fields) {
      EXPECT_TRUE(fields.insert(f.name).second) << k->name << "." << f.name << " twice";
      EXPECT_FALSE(f.type.empty()) << k->name << "." << f.name;
      EXPECT_FALSE(f.presence.empty()) << k->name << "." << f.name;
      EXPECT_GT(f.doc.size(), 5u) << k->name << "." << f.name;
    }
  }
  EXPECT_GE(names.size(), 40u);
}
