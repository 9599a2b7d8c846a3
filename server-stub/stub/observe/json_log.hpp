#pragma once
// The server's log: one JSON object per line on stderr, each with "time" and "event".
// What goes in is built from fixed fields; a key appears only as common::mask_key.
#include <string>

#include <nlohmann/json.hpp>

#include "common/result.hpp"

namespace iiv::stub {

// Writes the line and says whether it reached stderr (the audit needs to know).
common::Result<common::Done, std::string> write_log_line(const std::string& event,
                                                         nlohmann::json fields = nlohmann::json::object());

// The same for lines whose loss matters to nobody but the reader of the log.
void log_event(const std::string& event, nlohmann::json fields = nlohmann::json::object());

// RFC 3339 UTC with milliseconds: "2025-11-25T21:17:03.123Z".
std::string utc_timestamp_now();

}  // namespace iiv::stub
