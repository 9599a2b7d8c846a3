// iiv-specimens: writes the standard set of synthetic specimen images to a folder.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "specimens.hpp"

namespace {

using iiv::specimens::Kind;

struct Output {
  const char* file_name;
  Kind kind;
  bool png;
  int width;
  int height;
};

// The set the emulator and the benchmarks expect; 0 x 0 means the natural size.
constexpr Output kOutputs[] = {
    {"passport.jpg", Kind::passport, false, 0, 0},
    {"id_card_front.jpg", Kind::id_card_front, false, 0, 0},
    {"id_card_back.png", Kind::id_card_back, true, 0, 0},
    {"driving_licence_front.jpg", Kind::driving_licence_front, false, 0, 0},
    {"driving_licence_back.jpg", Kind::driving_licence_back, false, 0, 0},
    {"selfie_face.jpg", Kind::selfie_face, false, 0, 0},
    {"passport_12mp.jpg", Kind::passport, false, 4000, 3000},
};

int usage(const char* program, int code) {
  std::fprintf(code == 0 ? stdout : stderr,
               "usage: %s --out DIR [--seed N] [--name \"ERIKA SPECIMEN\"] [--number X1234567] [--country DE] [--png]\n"
               "  --png  write every image as PNG (lossless, for inspection) instead of the usual formats\n"
               "Writes synthetic specimen images (all stamped SPECIMEN) and prints their names and sizes.\n",
               program);
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_dir;
  bool all_png = false;
  iiv::specimens::SpecimenSpec base;
  base.holder_name = "ERIKA SPECIMEN";
  base.document_number = "X1234567";
  base.country = "DE";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--help" || arg == "-h") return usage(argv[0], 0);
    if (arg == "--out" && has_value)
      out_dir = argv[++i];
    else if (arg == "--png")
      all_png = true;
    else if (arg == "--seed" && has_value)
      base.seed = static_cast<std::uint32_t>(std::strtoul(argv[++i], nullptr, 10));
    else if (arg == "--name" && has_value)
      base.holder_name = argv[++i];
    else if (arg == "--number" && has_value)
      base.document_number = argv[++i];
    else if (arg == "--country" && has_value)
      base.country = argv[++i];
    else
      return usage(argv[0], 2);
  }
  if (out_dir.empty()) return usage(argv[0], 2);

  try {
    std::filesystem::create_directories(out_dir);
    for (const Output& output : kOutputs) {
      iiv::specimens::SpecimenSpec spec = base;
      spec.kind = output.kind;
      spec.width = output.width;
      spec.height = output.height;
      const auto start = std::chrono::steady_clock::now();
      const iiv::specimens::Image image = iiv::specimens::render(spec);
      const bool png = output.png || all_png;
      const std::vector<std::uint8_t> bytes =
          png ? iiv::specimens::encode_png(image) : iiv::specimens::encode_jpeg(image);
      const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
      std::filesystem::path path = std::filesystem::path(out_dir) / output.file_name;
      if (png) path.replace_extension(".png");
      std::ofstream file(path, std::ios::binary);
      file.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
      if (!file) {
        std::fprintf(stderr, "cannot write %s\n", path.string().c_str());
        return 1;
      }
      std::printf("%-28s %5dx%-5d %9zu bytes %7.0f ms\n", path.filename().string().c_str(), image.width, image.height,
                  bytes.size(), elapsed.count());
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "iiv-specimens: %s\n", error.what());
    return 1;
  }
  return 0;
}
