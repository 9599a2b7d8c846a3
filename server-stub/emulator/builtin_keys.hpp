#pragma once
// The emulator's well-known test keys, used when no --keys file is given. They are public,
// test-mode only and accepted by nothing but the emulator. The last four characters (all a
// masked log line shows) name the key's role. server-stub/launch/emulator-builtins.mjs reads
// this header, so `npm start` and the JS tests use these very strings.
namespace iiv::emulator::builtin_keys {

// Restricted: Identity sessions and reports read, sensitive results read, files write.
inline constexpr const char* full_access = "rk_test_iivemu_full_access_FULL";
// The viewer's three permissions plus Identity write: may also redact sessions.
inline constexpr const char* full_access_redact = "rk_test_iivemu_full_access_redact_RDCT";
// The same permissions, IP-restricted: sensitive results beyond the 48-hour window.
inline constexpr const char* ip_restricted = "rk_test_iivemu_ip_restricted_IPRS";
// Restricted, lacking Files: Write (cannot create FileLinks).
inline constexpr const char* no_files_write = "rk_test_iivemu_no_files_write_NOFW";
// Restricted, lacking sensitive results read (no dob / numbers / identity images).
inline constexpr const char* no_sensitive = "rk_test_iivemu_no_sensitive_NOSR";
// Secret key: every endpoint, but never sensitive results or identity images.
inline constexpr const char* secret = "sk_test_iivemu_secret_key_SECR";
// A rolled (expired) restricted key: every call answers 401 api_key_expired.
inline constexpr const char* rolled = "rk_test_iivemu_rolled_key_ROLD";

}  // namespace iiv::emulator::builtin_keys
