// Synthetic specimen identity images (documents and selfies) drawn by our own code,
// so the emulator, demo and benchmarks never need a real person's document or face.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace iiv::specimens {

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;  // 8-bit RGB, row-major, width * height * 3 bytes
};

enum class Kind { passport, id_card_front, id_card_back, driving_licence_front, driving_licence_back, selfie_face };

struct SpecimenSpec {
  Kind kind = Kind::passport;
  std::string holder_name;      // e.g. "ERIKA SPECIMEN" — printed on documents
  std::string document_number;  // e.g. "X1234567"
  std::string country;          // ISO 3166-1 alpha-2, e.g. "DE"
  std::uint32_t seed = 1;       // varies the synthetic face/background
  int width = 0, height = 0;    // 0 = the kind's natural size; one of them 0 keeps the aspect
  // Optional "YYYY-MM-DD" dates, so a caller can print the ones its report returns;
  // empty = derived from the seed. render() throws std::invalid_argument when malformed.
  // (Explicit initialisers keep brace-initialisation with fewer fields free of
  // -Wmissing-field-initializers.)
  std::string date_of_birth = {};
  std::string issue_date = {};
  std::string expiry_date = {};
};

// Deterministic: the same spec always gives the same pixels.
// Throws std::invalid_argument for negative or oversized dimensions.
Image render(const SpecimenSpec& spec);

// Throw std::invalid_argument for an empty or inconsistent image.
std::vector<std::uint8_t> encode_jpeg(const Image& image, int quality = 90);
std::vector<std::uint8_t> encode_png(const Image& image);

const char* kind_name(Kind kind);  // "passport", "id_card_front", ...

// The size render() uses when the spec leaves width and height at 0.
struct Size {
  int width = 0;
  int height = 0;
};
Size natural_size(Kind kind);

// Every kind, in declaration order (for the CLI and tests).
const std::vector<Kind>& all_kinds();

}  // namespace iiv::specimens
