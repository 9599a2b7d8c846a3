#pragma once
// Prometheus' text format, written one metric family at a time: its HELP and TYPE lines,
// then its samples with their labels escaped. Label values come from fixed vocabularies
// (error codes, endpoint templates, statuses), never a key or an id.
#include <initializer_list>
#include <sstream>
#include <string>
#include <utility>

namespace iiv::stub {

class PrometheusText {
 public:
  using Labels = std::initializer_list<std::pair<const char*, std::string>>;

  void family(const std::string& name, const char* type, const char* help);
  void sample(const std::string& name, Labels labels, long long value);
  void sample(const std::string& name, Labels labels, double value);

  std::string str() const { return out_.str(); }

 private:
  void start_sample(const std::string& name, Labels labels);

  std::ostringstream out_;
};

}  // namespace iiv::stub
