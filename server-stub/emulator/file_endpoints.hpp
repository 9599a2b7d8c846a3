#pragma once
// Files and FileLinks: retrieve a File, create a FileLink (with the identity-image rules of
// access_rules.hpp), retrieve a FileLink.
#include "emulator/endpoint_context.hpp"

namespace iiv::emulator {

EndpointResult retrieve_file(const EndpointContext& ctx);
EndpointResult create_file_link(const EndpointContext& ctx);
EndpointResult retrieve_file_link(const EndpointContext& ctx);

}  // namespace iiv::emulator
