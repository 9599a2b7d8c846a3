#pragma once
// Which images a VerificationReport holds, and under which viewer role each is shown:
// document.files[0] → document_front, document.files[1] → document_back,
// selfie.document → selfie_document, selfie.selfie → selfie_face (the viewer core's names,
// wasm/core/image_roles.hpp).
#include <string>
#include <vector>

#include "stub/stripe/verification_session.hpp"

namespace iiv::stub {

struct ReportImage {
  std::string role;
  std::string file;  // a well-formed "file_…" id
};

// In role order; absent files are left out.
std::vector<ReportImage> report_images(const VerificationReportFiles& report);

// The distinct file ids among `images`, in first-seen order (one FileLink per file).
std::vector<std::string> distinct_files(const std::vector<ReportImage>& images);

}  // namespace iiv::stub
