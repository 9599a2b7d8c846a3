// The national identity card (ID-1, 85.6 x 54 mm): personal data on the front,
// address, authority and the three-line MRZ on the back.
#include "document_parts.hpp"
#include "holder.hpp"
#include "layouts.hpp"
#include "mrz.hpp"

namespace iiv::specimens {

namespace {
const DocumentTheme kIdCardTheme{
    {{214, 232, 236}, {232, 236, 214}, {120, 178, 190}, {170, 196, 130}},
    {24, 32, 40},
    {56, 92, 104},
    {18, 86, 110},
    {90, 160, 170},
};
const DocumentDesign kIdOne{1012, 638, 40};

void draw_header(Canvas& c, const HolderDetails& holder, const char* title) {
  c.text(40, 30, 30, title, kIdCardTheme.accent, 1.7f, Align::left, 0.8f);
  c.text(42, 74, 14, holder.country.name, kIdCardTheme.label_ink, 1.4f, Align::left, 0.6f);
  draw_emblem(c, {950, 60}, 36, holder.country.alpha2, kIdCardTheme.accent, Rgb{240, 232, 170});
}
}  // namespace

void draw_id_card_front(Raster& raster, const SpecimenSpec& spec) {
  const HolderDetails holder = describe_holder(spec);
  const FaceParams face = face_params(spec.seed);
  const DocumentTheme& theme = kIdCardTheme;
  Canvas c = draw_document_card(raster, kIdOne, theme, spec.seed);
  draw_rosette(raster, c.at(690, 360), c.px(250), c.scale(), theme.rosette, 0.4f, spec.seed,
               c.box(0, 0, kIdOne.width, kIdOne.height));

  draw_header(c, holder, "IDENTITY CARD");
  c.text(880, 112, 20, holder.document_number, Rgb{176, 30, 40}, 1.5f, Align::right, 1.0f);

  draw_portrait(c, Box{40, 130, 290, 463}, face);
  draw_ghost_portrait(c, Box{850, 420, 970, 580}, face, theme.accent);

  draw_field(c, 320, 150, "SURNAME", holder.surname, theme, 22);
  draw_field(c, 320, 215, "GIVEN NAMES", holder.given_names, theme, 22);
  draw_field(c, 320, 280, "DATE OF BIRTH", format_date(holder.birth), theme);
  draw_field(c, 560, 280, "SEX", std::string(1, holder.sex), theme);
  draw_field(c, 320, 340, "NATIONALITY", holder.country.name, theme);
  draw_field(c, 320, 400, "PLACE OF BIRTH", holder.place_of_birth, theme);
  draw_field(c, 560, 400, "DATE OF EXPIRY", format_date(holder.expiry), theme);

  c.text(40, 490, 9.5f, "SIGNATURE", theme.label_ink, 1.1f, Align::left, 0.6f);
  draw_signature(c, Box{40, 500, 300, 590}, Rgb{30, 40, 110}, spec.seed);
  c.text(320, 575, 11, "SPECIMEN - NOT AN IDENTITY DOCUMENT", theme.label_ink, 1.2f, Align::left, 0.6f);
}

void draw_id_card_back(Raster& raster, const SpecimenSpec& spec) {
  const HolderDetails holder = describe_holder(spec);
  const DocumentTheme& theme = kIdCardTheme;
  Canvas c = draw_document_card(raster, kIdOne, theme, spec.seed + 101);
  draw_rosette(raster, c.at(800, 200), c.px(190), c.scale(), theme.rosette, 0.4f, spec.seed,
               c.box(0, 0, kIdOne.width, kIdOne.height));

  draw_field(c, 40, 40, "ADDRESS", "1 SPECIMEN STREET", theme);
  c.text(40, 76, 17, "00000 " + holder.place_of_birth, theme.ink, 1.45f);
  draw_field(c, 40, 118, "HEIGHT", "170 CM", theme);
  draw_field(c, 220, 118, "EYE COLOUR", "SYNTHETIC", theme);
  draw_field(c, 40, 178, "AUTHORITY", "SPECIMEN OFFICE " + holder.country.alpha3, theme);
  draw_field(c, 40, 238, "DATE OF ISSUE", format_date(holder.issue), theme);
  draw_field(c, 260, 238, "DOCUMENT NO.", holder.document_number, theme);

  // A contact chip, drawn as gold pads.
  const Rgb gold{212, 178, 96};
  c.rounded_rect(40, 300, 150, 382, 12, gold);
  for (float v : {320.0f, 341.0f, 362.0f}) c.line(40, v, 150, v, 1.5f, shade(gold, 0.7f));
  c.line(95, 300, 95, 382, 1.5f, shade(gold, 0.7f));

  const auto mrz = id_card_mrz(holder);
  draw_mrz(c, Box{0, 420, kIdOne.width, 618}, {mrz[0], mrz[1], mrz[2]});
}

}  // namespace iiv::specimens
