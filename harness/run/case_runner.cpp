#include "run/case_runner.hpp"

#include "run/case_play.hpp"

namespace zconform {

CaseResult CaseRunner::run(const CaseSpec& spec, size_t case_number) {
  CaseResult result;
  result.id = spec.id + settings_.case_id_suffix;
  result.number = case_number;
  result.scenario_id = spec.scenario->id;
  result.title = spec.scenario->title;
  result.scenario_file = spec.scenario->file.string();
  result.clauses = spec.scenario->clauses;
  result.pairing = spec.pairing.name();
  result.transport = spec.transport;
  result.binder = spec.type_of(spec.binder);
  result.implementations = {settings_.impl_a.name, settings_.impl_b.name};
  result.rerun = settings_.rerun_prefix + " --filter '" + result.id + "'";

  const auto stderr_marks = pool_.stderr_marks();
  auto started = Clock::now();
  CasePlay play(spec, settings_, pool_, case_number, result);
  std::optional<CaseStop> stop;
  try {
    play.setup();
    for (const auto& step : spec.scenario->steps) play.play(*step);
  } catch (const CaseStop& s) {
    // A pass here ends the case early and well (a wire outcome that closed the connection).
    if (s.verdict != Verdict::pass) stop = s;
  } catch (const AgentFailure& e) {
    stop = CaseStop{Verdict::error, "the agent answers within the case deadline", e.what()};
  } catch (const std::exception& e) {
    stop = CaseStop{Verdict::error, "the case runs", std::string("harness error: ") + e.what()};
  }
  // Teardown runs whatever happened, so the agent is clean for the next case; its own failure
  // only counts when the steps passed.
  try {
    play.teardown();
  } catch (const CaseStop& s) {
    if (!stop) stop = s;
  } catch (const AgentFailure& e) {
    if (!stop) stop = CaseStop{Verdict::error, "teardown completes", e.what()};
  } catch (const std::exception& e) {
    if (!stop)
      stop =
          CaseStop{Verdict::error, "teardown completes", std::string("harness error: ") + e.what()};
  }
  play.collect_observations();
  result.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();

  if (!stop) {
    result.verdict = Verdict::pass;
    result.step.clear();
    result.transcript.clear();  // kept for the cases people need to read
  } else {
    result.verdict = stop->verdict;
    result.expected = stop->expected;
    result.actual = stop->actual;
    result.agent_stderr = pool_.stderr_since(stderr_marks);
  }
  return result;
}

}  // namespace zconform
