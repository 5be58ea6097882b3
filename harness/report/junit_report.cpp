#include "report/junit_report.hpp"

#include <map>
#include <pugixml.hpp>
#include <sstream>

#include "report/summary_markdown.hpp"

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

std::string details(const CaseResult& r, const ClauseCatalogue* catalogue) {
  std::string text =
      "case: " + r.id + "\nverdict: " + std::string(to_string(r.verdict)) + "\nclauses:\n";
  for (const auto& c : r.clauses)
    text += "  " + (catalogue ? clause_with_text(c, *catalogue, 400) : c) + "\n";
  text += "step: " + r.step + "\nexpected: " + r.expected + "\nactual: " + r.actual +
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
  if (!r.agent_stderr.empty()) text += "agent stderr:\n" + r.agent_stderr;
  if (!r.transcript.empty()) {
    text += "agent transcript:\n";
    for (const auto& line : r.transcript) text += "  " + line + "\n";
  }
  return xml_safe(text);
}

}  // namespace

std::string make_junit_report(const RunInfo& run, const std::vector<CaseResult>& results,
                              const ClauseCatalogue* catalogue) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";

  auto counts = count_verdicts(results);
  auto root = doc.append_child("testsuites");
  root.append_attribute("name") = "zconform";
  root.append_attribute("tests") = results.size();
  const int known = count_baseline(results).known_failures;
  root.append_attribute("failures") = counts[Verdict::fail] + counts[Verdict::flaky] - known;
  root.append_attribute("errors") = counts[Verdict::error];
  root.append_attribute("skipped") = counts[Verdict::unsupported] + known;
  root.append_attribute("time") = seconds(run.duration_ms).c_str();

  // One suite per implementation (or pair) and scenario family, e.g. "libzmq.reqrep": CI readers
  // list suites, and a family of one implementation is what a maintainer looks at together.
  std::map<std::string, pugi::xml_node> suites;
  std::map<std::string, double> suite_ms;
  for (const auto& r : results) {
    const std::string leg = leg_name(r);
    const std::string family = r.scenario_id.substr(0, r.scenario_id.find('.'));
    const std::string suite_name = leg + "." + family;
    pugi::xml_node& suite = suites[suite_name];
    if (!suite) {
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
    suite_ms[suite_name] += r.duration_ms;
    suite.attribute("time").set_value(seconds(suite_ms[suite_name]).c_str());

    auto tc = suite.append_child("testcase");
    // classname "libzmq.reqrep.req-efsm": Jenkins reads package "libzmq.reqrep", class
    // "req-efsm"; GitLab and GitHub group by it. The name keeps the whole case ID, which is
    // also the filter that reruns it.
    tc.append_attribute("classname") = (leg + "." + r.scenario_id).c_str();
    tc.append_attribute("name") = r.id.c_str();
    tc.append_attribute("time") = seconds(r.duration_ms).c_str();
    // What the case measured (HWM counts, relay traffic, timings), for passes too: CI dashboards
    // that read testcase properties show it without opening report.json.
    if (!r.observations.empty()) {
      auto property = tc.append_child("properties").append_child("property");
      property.append_attribute("name") = "observations";
      property.append_attribute("value") = xml_safe(r.observations.dump()).c_str();
    }
    std::string cited;
    for (const auto& c : r.clauses)
      cited += (cited.empty() ? "" : "; ") + (catalogue ? clause_with_text(c, *catalogue) : c);
    std::string message = xml_safe(cited + ": expected " + r.expected + "; actual " + r.actual);
    switch (r.verdict) {
      case Verdict::pass: break;
      case Verdict::fail:
      case Verdict::flaky:
        if (r.baseline_known) {  // expected by the baseline: not a failure of the gate
          bump("skipped");
          tc.append_child("skipped").append_attribute("message") =
              xml_safe("known failure (" + r.baseline_clause + "): " + r.baseline_reason).c_str();
          break;
        }
        [[fallthrough]];
      case Verdict::error: {
        bool failed = r.verdict != Verdict::error;
        bump(failed ? "failures" : "errors");
        auto problem = tc.append_child(failed ? "failure" : "error");
        problem.append_attribute("message") = message.c_str();
        problem.append_attribute("type") = std::string(to_string(r.verdict)).c_str();
        problem.text() = details(r, catalogue).c_str();
        break;
      }
      case Verdict::unsupported: {
        bump("skipped");
        tc.append_child("skipped").append_attribute("message") =
            xml_safe("unsupported: " + r.actual).c_str();
        break;
      }
      case Verdict::non_strict:
      case Verdict::informational:
        tc.append_child("system-out").text() = details(r, catalogue).c_str();
        break;
    }
  }
  std::ostringstream out;
  doc.save(out, "  ");
  return out.str();
}

}  // namespace zconform
