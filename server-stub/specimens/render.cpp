// Entry point: size the image, draw the requested kind, stamp it.
#include <algorithm>
#include <stdexcept>

#include "layouts.hpp"
#include "render_stages.hpp"
#include "stamp.hpp"

namespace iiv::specimens {

namespace {
constexpr int kMaxSide = 16384;
constexpr long long kMaxPixels = 100LL * 1000 * 1000;
}  // namespace

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::passport: return "passport";
    case Kind::id_card_front: return "id_card_front";
    case Kind::id_card_back: return "id_card_back";
    case Kind::driving_licence_front: return "driving_licence_front";
    case Kind::driving_licence_back: return "driving_licence_back";
    case Kind::selfie_face: return "selfie_face";
  }
  return "unknown";
}

const std::vector<Kind>& all_kinds() {
  static const std::vector<Kind> kinds{Kind::passport,
                                       Kind::id_card_front,
                                       Kind::id_card_back,
                                       Kind::driving_licence_front,
                                       Kind::driving_licence_back,
                                       Kind::selfie_face};
  return kinds;
}

Size natural_size(Kind kind) {
  switch (kind) {
    case Kind::passport: return {1250, 880};
    case Kind::selfie_face: return {720, 960};
    default: return {1012, 638};  // ID-1 cards
  }
}

Size resolve_size(const SpecimenSpec& spec) {
  if (spec.width < 0 || spec.height < 0) throw std::invalid_argument("specimens: negative image size");
  const Size natural = natural_size(spec.kind);
  int width = spec.width;
  int height = spec.height;
  // One side given: keep the kind's aspect ratio.
  if (width == 0 && height == 0) {
    width = natural.width;
    height = natural.height;
  } else if (width == 0) {
    width = std::max(1, static_cast<int>(static_cast<long long>(height) * natural.width / natural.height));
  } else if (height == 0) {
    height = std::max(1, static_cast<int>(static_cast<long long>(width) * natural.height / natural.width));
  }
  if (width > kMaxSide || height > kMaxSide || static_cast<long long>(width) * height > kMaxPixels)
    throw std::invalid_argument("specimens: image size too large");
  return {width, height};
}

Image render_unstamped(const SpecimenSpec& spec) {
  const auto [width, height] = resolve_size(spec);
  Image image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 3, 0)};
  Raster raster(image);
  switch (spec.kind) {
    case Kind::passport: draw_passport_page(raster, spec); break;
    case Kind::id_card_front: draw_id_card_front(raster, spec); break;
    case Kind::id_card_back: draw_id_card_back(raster, spec); break;
    case Kind::driving_licence_front: draw_driving_licence_front(raster, spec); break;
    case Kind::driving_licence_back: draw_driving_licence_back(raster, spec); break;
    case Kind::selfie_face: draw_selfie(raster, spec); break;
  }
  return image;
}

Image render(const SpecimenSpec& spec) {
  Image image = render_unstamped(spec);
  Raster raster(image);
  stamp_specimen(raster);
  return image;
}

}  // namespace iiv::specimens
