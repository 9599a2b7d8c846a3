#pragma once
// The server's log: one JSON object per line on stderr, each with "time" and "event".
// What goes in is built from fixed fields; a key appears only as common::mask_key.
#include <string>

#include <nlohmann/json.hpp>

namespace iiv::stub {

void log_event(const std::string& event, nlohmann::json fields = nlohmann::json::object());

// RFC 3339 UTC with milliseconds: "2025-11-25T21:17:03.123Z".
std::string utc_timestamp_now();

}  // namespace iiv::stub
