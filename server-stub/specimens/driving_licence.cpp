// The driving licence (ID-1, numbered fields in the EU style): personal data on the
// front, the table of vehicle categories on the back.
#include <cmath>

#include "document_parts.hpp"
#include "holder.hpp"
#include "layouts.hpp"

namespace iiv::specimens {

namespace {
const DocumentTheme kLicenceTheme{
    {{246, 222, 226}, {236, 226, 240}, {222, 150, 166}, {180, 160, 210}},
    {30, 28, 36},
    {120, 60, 80},
    {150, 30, 70},
    {214, 130, 150},
};
const DocumentDesign kIdOne{1012, 638, 40};
const Rgb kBadgeBlue{28, 56, 140};

void numbered(Canvas& c, float u, float v, const char* number, const std::string& value, float cap = 18) {
  c.text(u, v + 3, 11, number, kLicenceTheme.label_ink, 1.2f);
  c.text(u + 44, v, cap, value, kLicenceTheme.ink, 1.45f);
}

// Tiny vehicle pictograms for the category table.
void draw_vehicle(Canvas& c, float u, float v, int kind, Rgb ink) {
  auto wheel = [&](float wu, float wv, float r) { c.raster().fill_ellipse(c.at(wu, wv), c.px(r), c.px(r), ink); };
  switch (kind) {
    case 0:  // motorcycle
      wheel(u + 6, v + 14, 5);
      wheel(u + 30, v + 14, 5);
      c.polyline({{u + 6, v + 14}, {u + 16, v + 5}, {u + 26, v + 5}, {u + 30, v + 14}}, 2.5f, ink);
      break;
    case 1:  // car
      c.rounded_rect(u, v + 5, u + 38, v + 14, 3, ink);
      c.rounded_rect(u + 8, v, u + 28, v + 8, 3, ink);
      wheel(u + 9, v + 15, 4);
      wheel(u + 29, v + 15, 4);
      break;
    default:  // lorry or bus
      c.rounded_rect(u, v - 2, u + 30, v + 14, 2, ink);
      c.rounded_rect(u + 31, v + 3, u + 40, v + 14, 2, ink);
      wheel(u + 8, v + 15, 4);
      wheel(u + 34, v + 15, 4);
      break;
  }
}
}  // namespace

void draw_driving_licence_front(Raster& raster, const SpecimenSpec& spec) {
  const HolderDetails holder = describe_holder(spec);
  const FaceParams face = face_params(spec.seed);
  const DocumentTheme& theme = kLicenceTheme;
  Canvas c = draw_document_card(raster, kIdOne, theme, spec.seed + 202);
  draw_rosette(raster, c.at(720, 330), c.px(260), c.scale(), theme.rosette, 0.4f, spec.seed,
               c.box(0, 0, kIdOne.width, kIdOne.height));

  // Country badge: a blue panel with a ring of dots and the code.
  c.rounded_rect(30, 28, 130, 128, 10, kBadgeBlue);
  draw_emblem(c, {80, 78}, 44, holder.country.alpha2, kBadgeBlue, Rgb{250, 214, 60});
  c.text(160, 34, 32, "DRIVING LICENCE", theme.accent, 1.7f, Align::left, 0.8f);
  c.text(162, 82, 14, holder.country.name + " - SPECIMEN", theme.label_ink, 1.3f, Align::left, 0.6f);

  draw_portrait(c, Box{40, 150, 280, 470}, face);

  numbered(c, 320, 160, "1.", holder.surname, 22);
  numbered(c, 320, 210, "2.", holder.given_names, 22);
  numbered(c, 320, 260, "3.", format_date(holder.birth) + "  " + holder.place_of_birth);
  numbered(c, 320, 305, "4a.", format_date(holder.issue));
  numbered(c, 600, 305, "4c.", "SPECIMEN OFFICE");
  numbered(c, 320, 350, "4b.", format_date(holder.expiry));
  numbered(c, 320, 395, "5.", holder.document_number, 20);
  numbered(c, 320, 500, "9.", "AM/A1/B/BE");
  c.text(320, 448, 11, "7.", theme.label_ink, 1.2f);
  draw_signature(c, Box{364, 430, 640, 490}, Rgb{30, 40, 110}, spec.seed);
  c.text(40, 580, 11, "SPECIMEN - NOT A DRIVING LICENCE", theme.label_ink, 1.2f, Align::left, 0.6f);
}

void draw_driving_licence_back(Raster& raster, const SpecimenSpec& spec) {
  const HolderDetails holder = describe_holder(spec);
  const DocumentTheme& theme = kLicenceTheme;
  Canvas c = draw_document_card(raster, kIdOne, theme, spec.seed + 303);

  struct Category {
    const char* code;
    int vehicle;
    bool held;
  };
  static constexpr Category kCategories[] = {{"AM", 0, true}, {"A1", 0, true},  {"A", 0, false},
                                             {"B", 1, true},  {"BE", 1, true},  {"C1", 2, false},
                                             {"C", 2, false}, {"D1", 2, false}, {"D", 2, false}};
  const float left = 40, right = 972, top = 40;
  const float row = 52;
  const float col_from = 300, col_until = 500, col_codes = 700;
  c.text(left + 110, top + 8, 11, "9.", theme.label_ink, 1.2f);
  c.text(col_from, top + 8, 11, "10.", theme.label_ink, 1.2f);
  c.text(col_until, top + 8, 11, "11.", theme.label_ink, 1.2f);
  c.text(col_codes, top + 8, 11, "12.", theme.label_ink, 1.2f);
  const int rows = static_cast<int>(std::size(kCategories));
  for (int i = 0; i <= rows; ++i) {
    const float v = top + 30 + i * row;
    c.line(left, v, right, v, 1.2f, theme.label_ink, 0.6f);
  }
  for (float u : {left, left + 100, col_from - 20, col_until - 20, col_codes - 20, right})
    c.line(u, top + 30, u, top + 30 + rows * row, 1.2f, theme.label_ink, 0.6f);
  for (int i = 0; i < rows; ++i) {
    const Category& cat = kCategories[i];
    const float v = top + 30 + i * row;
    draw_vehicle(c, left + 30, v + 14, cat.vehicle, theme.label_ink);
    c.text(left + 110, v + 17, 18, cat.code, theme.ink, 1.5f);
    if (cat.held) {
      c.text(col_from, v + 17, 16, format_date(holder.issue), theme.ink, 1.4f);
      c.text(col_until, v + 17, 16, format_date(holder.expiry), theme.ink, 1.4f);
      c.text(col_codes, v + 17, 16, "SPECIMEN", theme.ink, 1.4f);
    }
  }
  c.text(left, 575, 11, "5. " + holder.document_number + "   SPECIMEN - NOT A DRIVING LICENCE", theme.label_ink, 1.2f,
         Align::left, 0.6f);
}

}  // namespace iiv::specimens
