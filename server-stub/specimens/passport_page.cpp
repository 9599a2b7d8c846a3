// The passport data page (ICAO TD3, 125 x 88 mm): photo left, fields right, MRZ below.
#include "document_parts.hpp"
#include "holder.hpp"
#include "layouts.hpp"
#include "mrz.hpp"

namespace iiv::specimens {

namespace {
const DocumentTheme kPassportTheme{
    {{236, 222, 232}, {220, 230, 240}, {196, 150, 186}, {140, 176, 206}},
    {28, 30, 44},
    {98, 70, 110},
    {112, 36, 84},
    {170, 100, 150},
};
}  // namespace

void draw_passport_page(Raster& raster, const SpecimenSpec& spec) {
  const HolderDetails holder = describe_holder(spec);
  const FaceParams face = face_params(spec.seed);
  const DocumentTheme& theme = kPassportTheme;
  Canvas c = draw_document_card(raster, DocumentDesign{1250, 880, 22}, theme, spec.seed);

  draw_rosette(raster, c.at(760, 330), c.px(300), c.scale(), theme.rosette, 0.45f, spec.seed, c.box(0, 0, 1250, 660));

  // Header.
  c.text(50, 38, 40, "PASSPORT", theme.accent, 1.7f, Align::left, 1.0f);
  c.text(52, 92, 11, "PASSEPORT / REISEPASS / SPECIMEN - NOT A TRAVEL DOCUMENT", theme.label_ink, 1.0f, Align::left,
         0.6f);
  c.text(1120, 42, 22, holder.country.name, theme.accent, 1.5f, Align::right, 0.8f);
  draw_emblem(c, {1170, 62}, 36, holder.country.alpha2, theme.accent, Rgb{246, 226, 160});

  // Portrait and ghost image.
  draw_portrait(c, Box{50, 150, 370, 577}, face);
  draw_ghost_portrait(c, Box{1050, 400, 1210, 613}, face, theme.accent);

  // Fields: a top row with type/code/number, then the personal data.
  draw_field(c, 410, 140, "TYPE", "P", theme);
  draw_field(c, 520, 140, "CODE", holder.country.alpha3, theme);
  draw_field(c, 700, 140, "PASSPORT NO.", holder.document_number, theme, 20);
  draw_field(c, 410, 205, "SURNAME", holder.surname, theme, 22);
  draw_field(c, 410, 268, "GIVEN NAMES", holder.given_names, theme, 22);
  draw_field(c, 410, 331, "NATIONALITY", holder.country.name, theme);
  draw_field(c, 410, 390, "DATE OF BIRTH", format_date(holder.birth), theme);
  draw_field(c, 700, 390, "SEX", std::string(1, holder.sex), theme);
  draw_field(c, 410, 449, "PLACE OF BIRTH", holder.place_of_birth, theme);
  draw_field(c, 410, 508, "DATE OF ISSUE", format_date(holder.issue), theme);
  draw_field(c, 700, 508, "AUTHORITY", "SPECIMEN OFFICE", theme);
  draw_field(c, 410, 567, "DATE OF EXPIRY", format_date(holder.expiry), theme);
  c.text(700, 567, 9.5f, "HOLDER'S SIGNATURE", theme.label_ink, 1.1f, Align::left, 0.6f);
  draw_signature(c, Box{700, 578, 960, 640}, Rgb{30, 40, 110}, spec.seed);

  const auto mrz = passport_mrz(holder);
  draw_mrz(c, Box{0, 680, 1250, 860}, {mrz[0], mrz[1]});
}

}  // namespace iiv::specimens
