#pragma once
// What a redacted VerificationSession looks like (Stripe's Verification Sessions guide):
// every field that held personal data is replaced by the string "[redacted]" or, for dates,
// by {day: 1, month: 1, year: 1}; the address keeps its country; metadata is erased; the
// collected files can no longer be downloaded. redaction.status is "processing" until the
// (configurable) redaction delay has passed, then "redacted".
#include <cstdint>

#include "emulator/identity_model.hpp"

namespace iiv::emulator {

enum class RedactionStatus { none, processing, redacted };

const char* redaction_status_name(RedactionStatus status);

RedactionStatus redaction_status(const VerificationSession& session, std::int64_t now_ms);

VerifiedOutputs redacted(const VerifiedOutputs& outputs);
VerificationReport redacted(const VerificationReport& report);
// The session with metadata erased and verified outputs replaced by placeholders.
VerificationSession redacted(const VerificationSession& session);

}  // namespace iiv::emulator
