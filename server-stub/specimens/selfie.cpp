// The selfie: a large synthetic face in front of a soft, out-of-focus room.
#include <cmath>

#include "face.hpp"
#include "layouts.hpp"
#include "rng.hpp"
#include "text.hpp"

namespace iiv::specimens {

namespace {
constexpr Rgb kRoomTints[] = {{196, 210, 226}, {226, 212, 192}, {206, 222, 204}, {224, 206, 218}, {214, 214, 220}};
}  // namespace

void draw_selfie(Raster& raster, const SpecimenSpec& spec) {
  Rng rng(0x5E1F1EULL + spec.seed);
  const float w = static_cast<float>(raster.width());
  const float h = static_cast<float>(raster.height());
  const Rgb tint = kRoomTints[rng.pick(static_cast<int>(std::size(kRoomTints)))];
  const Rgb light = shade(tint, 1.35f);
  const Rgb dark = shade(tint, 0.62f);

  // Light falls from the upper left.
  const Point light_at{w * 0.25f, h * 0.1f};
  const float reach = std::sqrt(w * w + h * h);
  raster.paint_shape(
      Box{0, 0, w, h}, 1.0f, [](Point) { return -1.0f; },
      [&](Point p) { return mix(light, dark, std::min(length(p - light_at) / reach, 1.0f)); });

  // Out-of-focus highlights: soft discs whose edges spread over many pixels.
  const float size = std::min(w, h);
  for (int i = 0; i < 14; ++i) {
    const Point centre{rng.between(0, w), rng.between(0, h * 0.7f)};
    const float radius = size * rng.between(0.03f, 0.09f);
    const float blur = radius * 0.35f;
    const Rgb colour = shade(tint, rng.between(1.1f, 1.6f));
    raster.fill_shape(box_around(centre, radius + blur, radius + blur), colour, rng.between(0.15f, 0.35f),
                      [&](Point p) { return circle_distance(p, centre, radius) / blur; });
  }

  // The face box is wider than the frame, so the head fills it as in a real selfie.
  FaceParams face = face_params(spec.seed);
  const float box_w = w * 1.1f;
  const float box_h = box_w * 1.33f;
  draw_face(raster, Box{(w - box_w) * 0.5f, h - box_h * 0.98f, (w + box_w) * 0.5f, h + box_h * 0.02f}, face,
            /*fill_backdrop=*/false);

  const TextStyle caption{std::max(size * 0.022f, 5.0f), 1.3f, 0.8f};
  const std::string text = "SYNTHETIC SELFIE - NOT A REAL PERSON";
  draw_text(raster, Point{(w - text_width(text, caption)) * 0.5f, h - caption.cap_height * 2.4f}, text, caption,
            Rgb{255, 255, 255}, 0.85f);
}

}  // namespace iiv::specimens
