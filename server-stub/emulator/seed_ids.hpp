#pragma once
// The ids of the emulator's sample verifications and files (seed_data.cpp builds them;
// README.md lists them). server-stub/launch/emulator-builtins.mjs reads this header, so
// `npm start` and the JS tests use these very strings.
namespace iiv::emulator::seed_ids {

// Verified passport (one page image), processed 2 hours ago. JPEG.
inline constexpr const char* passport_verified = "vs_1EmuPassportVerified";
// Verified ID card, front and back, plus a selfie check (face image PNG).
inline constexpr const char* id_card_with_selfie = "vs_1EmuIdCardWithSelfie";
// Verified driving licence, front and back (PNG), with an ID number check (id_number fields).
inline constexpr const char* driving_licence_verified = "vs_1EmuDrivingLicenceVerified";
// requires_input: the document was expired (last_error and report error document_expired).
inline constexpr const char* document_expired = "vs_1EmuDocumentExpired";
// Verified passport with selfie processed 72 hours ago: sensitive results only for an
// IP-restricted key.
inline constexpr const char* processed_long_ago = "vs_1EmuProcessedLongAgo";
// Already redacted: placeholders, and its files cannot be linked.
inline constexpr const char* redacted = "vs_1EmuRedacted";
// Verified passport whose page is a 12-megapixel JPEG (benchmarks), rendered lazily.
inline constexpr const char* large_passport_12mp = "vs_1EmuLargePassport12MP";
// Verified passport with selfie, there to be redacted by tests and the demo.
inline constexpr const char* ready_to_redact = "vs_1EmuReadyToRedact";
// Started, never submitted: requires_input with no VerificationReport (nothing to show yet).
inline constexpr const char* awaiting_input = "vs_1EmuAwaitingInput";

// Files outside any session: one of purpose identity_document (never linkable) and one of
// purpose dispute_evidence (linkable without the 30-second cap).
inline constexpr const char* uploaded_identity_document_file = "file_1EmuUploadedIdDocument";
inline constexpr const char* dispute_evidence_file = "file_1EmuDisputeEvidence";
}  // namespace iiv::emulator::seed_ids
