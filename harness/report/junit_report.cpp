#include "report/junit_report.hpp"

#include <pugixml.hpp>
#include <sstream>

namespace zconform {
namespace {

std::string seconds(double ms) {
  std::ostringstream out;
  out.precision(3);
  out << std::fixed << ms / 1000.0;
  return out.str();
}

// XML 1.0 cannot hold most control characters, even escaped: readers reject the whole file.
std::string xml_safe(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    out += (u < 0x20 && c != '\n' && c != '\t' && c != '\r') ? '?' : c;
  }
  return out;
}

std::string details(const CaseResult& r) {
  std::string text = "verdict: " + std::string(to_string(r.verdict)) + "\nclauses:";
  for (const auto& c : r.clauses) text += " " + c;
  text += "\nstep: " + r.step + "\nexpected: " + r.expected + "\nactual: " + r.actual +
          "\nrerun: " + r.rerun + "\n";
  if (!r.observations.empty()) text += "observations: " + r.observations.dump() + "\n";
  if (!r.monitor_events.empty()) {
    // MON-01: the connect/handshake history, so a failure shows what the connections went through.
    text += "monitor events:\n";
    for (const auto& e : r.monitor_events) {
      text += "  " + e.value("socket", "") + " " + e.value("event", "") + " " +
              e.value("endpoint", "") + " (" + std::to_string(e.value("value", int64_t{0})) + ")\n";
    }
  }
  if (!r.wire_transcript.empty()) {
    text += "wire transcript (> raw peer to implementation, < back):\n";
    for (const auto& line : r.wire_transcript) text += "  " + line + "\n";
  }
  if (!r.transcript.empty()) {
    text += "agent transcript:\n";
    for (const auto& line : r.transcript) text += "  " + line + "\n";
  }
  return xml_safe(text);
}

}  // namespace

std::string make_junit_report(const RunInfo& run, const std::vector<CaseResult>& results) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";

  auto counts = count_verdicts(results);
  auto root = doc.append_child("testsuites");
  root.append_attribute("name") = "zconform";
  root.append_attribute("tests") = results.size();
  const int known = count_baseline(results).known_failures;
  root.append_attribute("failures") = counts[Verdict::fail] - known;
  root.append_attribute("errors") = counts[Verdict::error];
  root.append_attribute("skipped") = counts[Verdict::unsupported] + known;
  root.append_attribute("time") = seconds(run.duration_ms).c_str();

  // Cases arrive grouped by scenario (expansion order), so one pass builds the suites.
  pugi::xml_node suite;
  std::string suite_name;
  double suite_ms = 0;
  for (const auto& r : results) {
    if (!suite || suite_name != r.scenario_id) {
      suite_name = r.scenario_id;
      suite_ms = 0;
      suite = root.append_child("testsuite");
      suite.append_attribute("name") = suite_name.c_str();
      for (const char* a : {"tests", "failures", "errors", "skipped"})
        suite.append_attribute(a) = 0;
      suite.append_attribute("time") = 0.0;
      suite.append_attribute("timestamp") = run.started_at.c_str();
    }
    auto bump = [&suite](const char* attr) {
      suite.attribute(attr).set_value(suite.attribute(attr).as_int() + 1);
    };
    bump("tests");
    suite_ms += r.duration_ms;
    suite.attribute("time").set_value(seconds(suite_ms).c_str());

    auto tc = suite.append_child("testcase");
    tc.append_attribute("classname") = ("zconform." + r.scenario_id).c_str();
    tc.append_attribute("name") = r.id.c_str();
    tc.append_attribute("time") = seconds(r.duration_ms).c_str();
    // What the case measured (HWM counts, relay traffic, timings), for passes too: CI dashboards
    // that read testcase properties show it without opening report.json.
    if (!r.observations.empty()) {
      auto property = tc.append_child("properties").append_child("property");
      property.append_attribute("name") = "observations";
      property.append_attribute("value") = xml_safe(r.observations.dump()).c_str();
    }
    std::string message = xml_safe("expected " + r.expected + "; actual " + r.actual);
    switch (r.verdict) {
      case Verdict::pass: break;
      case Verdict::fail:
        if (r.baseline_known) {  // expected by the baseline: not a failure of the gate
          bump("skipped");
          tc.append_child("skipped").append_attribute("message") =
              xml_safe("known failure (" + r.baseline_clause + "): " + r.baseline_reason).c_str();
          break;
        }
        [[fallthrough]];
      case Verdict::error: {
        bool failed = r.verdict == Verdict::fail;
        bump(failed ? "failures" : "errors");
        auto problem = tc.append_child(failed ? "failure" : "error");
        problem.append_attribute("message") = message.c_str();
        problem.append_attribute("type") = std::string(to_string(r.verdict)).c_str();
        problem.text() = details(r).c_str();
        break;
      }
      case Verdict::unsupported: {
        bump("skipped");
        tc.append_child("skipped").append_attribute("message") =
            xml_safe("unsupported: " + r.actual).c_str();
        break;
      }
      case Verdict::non_strict:
      case Verdict::informational: tc.append_child("system-out").text() = details(r).c_str(); break;
    }
  }
  std::ostringstream out;
  doc.save(out, "  ");
  return out.str();
}

}  // namespace zconform
