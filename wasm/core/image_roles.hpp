#pragma once
// The images a Stripe Identity verification can carry, by the role names the link bundle
// gives them (README.md, "The bundle"). The server stub names its images with these, the
// core refuses any other, and the npm package's ImageRole type is generated from this list
// (wasm/tools/core_facts.cpp), so the names are a stable contract: never rename one.
#include <array>
#include <string_view>

namespace iiv::image_roles {

inline constexpr std::string_view document_front = "document_front";    // document.files[0]
inline constexpr std::string_view document_back = "document_back";      // document.files[1]
inline constexpr std::string_view selfie_document = "selfie_document";  // selfie.document
inline constexpr std::string_view selfie_face = "selfie_face";          // selfie.selfie

inline constexpr std::array<std::string_view, 4> kAll = {document_front, document_back, selfie_document, selfie_face};

}  // namespace iiv::image_roles
