#include "stub/links/report_images.hpp"

#include <algorithm>

#include "common/stripe_id.hpp"

namespace iiv::stub {

namespace {

void add_if_file(std::vector<ReportImage>& out, const char* role, const nlohmann::json* value) {
  if (value == nullptr || !value->is_string()) return;
  const auto& file = value->get_ref<const std::string&>();
  if (common::is_stripe_id(file, "file_")) out.push_back({role, file});
}

const nlohmann::json* member(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

}  // namespace

std::vector<ReportImage> report_images(const nlohmann::json& report) {
  std::vector<ReportImage> images;
  if (const auto* document = member(report, "document")) {
    if (const auto* files = member(*document, "files"); files != nullptr && files->is_array()) {
      if (files->size() > 0) add_if_file(images, "document_front", &(*files)[0]);
      if (files->size() > 1) add_if_file(images, "document_back", &(*files)[1]);
    }
  }
  if (const auto* selfie = member(report, "selfie")) {
    add_if_file(images, "selfie_document", member(*selfie, "document"));
    add_if_file(images, "selfie_face", member(*selfie, "selfie"));
  }
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
