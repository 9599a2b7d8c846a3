#pragma once
// What an endpoint handler gets (the authenticated key, the decoded parameters, the path
// id, the time, the store) and what it gives back: the object, or the error Stripe would send.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "common/result.hpp"
#include "emulator/api_error.hpp"
#include "emulator/api_keys.hpp"
#include "emulator/emulator_store.hpp"
#include "emulator/object_json.hpp"
#include "emulator/runtime_config.hpp"

namespace iiv::emulator {

struct EndpointContext {
  const ApiKey& key;
  const nlohmann::json& params;
  const std::string& id;
  std::int64_t now = 0;
  std::int64_t now_ms = 0;
  EmulatorStore& store;
  const RuntimeConfig& config;
  const std::string& files_base;
};

using EndpointResult = common::Result<Json, ApiError>;

}  // namespace iiv::emulator
