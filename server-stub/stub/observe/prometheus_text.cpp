#include "stub/observe/prometheus_text.hpp"

#include <iomanip>

namespace iiv::stub {

namespace {

std::string escape_label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void PrometheusText::family(const std::string& name, const char* type, const char* help) {
  out_ << "# HELP " << name << " " << help << "\n# TYPE " << name << " " << type << "\n";
}

void PrometheusText::start_sample(const std::string& name, Labels labels) {
  out_ << name;
  if (labels.size() == 0) {
    out_ << " ";
    return;
  }
  const char* separator = "{";
  for (const auto& [label, value] : labels) {
    out_ << separator << label << "=\"" << escape_label(value) << "\"";
    separator = ",";
  }
  out_ << "} ";
}

void PrometheusText::sample(const std::string& name, Labels labels, long long value) {
  start_sample(name, labels);
  out_ << value << "\n";
}

void PrometheusText::sample(const std::string& name, Labels labels, double value) {
  start_sample(name, labels);
  out_ << std::setprecision(9) << value << "\n";
}

}  // namespace iiv::stub
