#pragma once
// The query string of a request target, decoded ("include=dob%2Cid_number" →
// include: "dob,id_number"). The stub's routes take at most one value per name; a name
// given twice is the caller's mistake, reported as such.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace iiv::stub {

// Percent-decoding ('+' as a space for queries); nullopt for a malformed escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// Each name's single value, or a message naming what was wrong.
common::Result<std::map<std::string, std::string>, std::string> parse_query(std::string_view query);

}  // namespace iiv::stub
