#include "stub/links/report_images.hpp"

#include <algorithm>
#include <string_view>

#include "core/image_roles.hpp"

namespace iiv::stub {

std::vector<ReportImage> report_images(const VerificationReportFiles& report) {
  std::vector<ReportImage> images;
  const auto add = [&images](std::string_view role, const std::string& file) {
    images.push_back({std::string(role), file});
  };
  if (report.document_files.size() > 0) add(image_roles::document_front, report.document_files[0]);
  if (report.document_files.size() > 1) add(image_roles::document_back, report.document_files[1]);
  if (report.selfie_document) add(image_roles::selfie_document, *report.selfie_document);
  if (report.selfie_face) add(image_roles::selfie_face, *report.selfie_face);
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
