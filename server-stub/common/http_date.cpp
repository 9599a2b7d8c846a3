#include "common/http_date.hpp"

#include <array>
#include <ctime>

namespace iiv::common {

namespace {

constexpr std::array<const char*, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool read_number(std::string_view text, std::size_t at, std::size_t digits, int* value) {
  *value = 0;
  for (std::size_t i = at; i < at + digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    *value = *value * 10 + (text[i] - '0');
  }
  return true;
}

void put_two_digits(std::string& out, int value) {
  out += static_cast<char>('0' + value / 10);
  out += static_cast<char>('0' + value % 10);
}

}  // namespace

std::string format_http_date(std::int64_t unix_seconds) {
  const auto time = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  // Built by hand rather than with strftime, whose %a and %b follow the locale.
  std::string out = kWeekdays[static_cast<std::size_t>(utc.tm_wday)];
  out += ", ";
  put_two_digits(out, utc.tm_mday);
  out += ' ';
  out += kMonths[static_cast<std::size_t>(utc.tm_mon)];
  out += ' ';
  out += std::to_string(utc.tm_year + 1900);
  out += ' ';
  put_two_digits(out, utc.tm_hour);
  out += ':';
  put_two_digits(out, utc.tm_min);
  out += ':';
  put_two_digits(out, utc.tm_sec);
  out += " GMT";
  return out;
}

std::optional<std::int64_t> parse_http_date(std::string_view text) {
  // "Wed, 25 Nov 2026 21:17:19 GMT": fixed positions, 29 characters.
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' || text[16] != ' ' ||
      text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  int month = -1;
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (text.substr(8, 3) == kMonths[i]) month = static_cast<int>(i);
  }
  std::tm fields{};
  int year = 0;
  if (month < 0 || !read_number(text, 5, 2, &fields.tm_mday) || !read_number(text, 12, 4, &year) ||
      !read_number(text, 17, 2, &fields.tm_hour) || !read_number(text, 20, 2, &fields.tm_min) ||
      !read_number(text, 23, 2, &fields.tm_sec) || fields.tm_hour > 23 || fields.tm_min > 59 || fields.tm_sec > 59) {
    return std::nullopt;
  }
  fields.tm_mon = month;
  fields.tm_year = year - 1900;
  const std::tm asked = fields;
  const std::time_t time = timegm(&fields);
  // timegm normalises "31 Nov" into 1 Dec: a date that does not exist is refused.
  if (fields.tm_mday != asked.tm_mday || fields.tm_mon != asked.tm_mon || fields.tm_year != asked.tm_year) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(time);
}

}  // namespace iiv::common
