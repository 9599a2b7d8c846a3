#include "stub/links/report_images.hpp"

#include <algorithm>

namespace iiv::stub {

std::vector<ReportImage> report_images(const VerificationReportFiles& report) {
  std::vector<ReportImage> images;
  if (report.document_files.size() > 0) images.push_back({"document_front", report.document_files[0]});
  if (report.document_files.size() > 1) images.push_back({"document_back", report.document_files[1]});
  if (report.selfie_document) images.push_back({"selfie_document", *report.selfie_document});
  if (report.selfie_face) images.push_back({"selfie_face", *report.selfie_face});
  return images;
}

std::vector<std::string> distinct_files(const std::vector<ReportImage>& images) {
  std::vector<std::string> files;
  for (const auto& image : images) {
    if (std::find(files.begin(), files.end(), image.file) == files.end()) files.push_back(image.file);
  }
  return files;
}

}  // namespace iiv::stub
