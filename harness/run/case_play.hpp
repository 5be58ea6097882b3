#pragma once
// One play of one expanded case: set-up (agents, capabilities, sockets), each step played on the
// case's context (the step types know how: harness/steps/), teardown, and what is filed in the
// result at the end. A step that cannot go on throws CaseStop; CaseRunner turns it into the
// verdict.
#include "run/case_context.hpp"

namespace zconform {

class CasePlay {
 public:
  CasePlay(const CaseSpec& spec, const RunSettings& settings, AgentPool& pool, size_t number,
           CaseResult& result);

  void setup();
  void play(const Step& step);
  void teardown();
  void collect_observations();

 private:
  CaseContext cx_;
};

}  // namespace zconform
