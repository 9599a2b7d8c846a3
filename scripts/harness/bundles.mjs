// Link bundles shaped like the server stub's (web/README.md, "The bundle is what the server stub returns").

/** A bundle as the server stub sends it, for the given images. */
export function makeBundle(images) {
  const now = Math.floor(Date.now() / 1000);
  return {
    verification_session: 'vs_test_0001',
    verification_report: 'vr_test_0001',
    issued_at: now,
    images: images.map(({ role, url, expiresAt = now + 30 }, index) => ({
      role,
      file: `file_test_${index}`,
      file_link: `link_test_${index}`,
      url,
      expires_at: expiresAt,
    })),
  };
}
