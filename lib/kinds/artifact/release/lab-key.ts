/**
 * The lab's signing key: an Ed25519 key pair as JWK, made once for this lab with
 * `crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])`.
 *
 * It is published on purpose, so it proves nothing to anyone: it stands in for the key
 * Grafana's signing service holds when it signs a plugin's MANIFEST.txt (the real
 * service keeps its private key and hands out the public one). Never use it for
 * anything but this simulation.
 */
export const LAB_SIGNING_KEY = {
  /** The private half, as the simulated signing service holds it. */
  private: { kty: 'OKP', crv: 'Ed25519', x: '2nnrwMBwlVMizxtB7odBylo4rso-ni54cNsCcYMlaCg', d: 'ca7EjYzAJBCH8jneyZXIt2tuct4mLxPg16PY8maW6ww' },
  /** The public half, as every Grafana in the simulated fleet holds it. */
  public: { kty: 'OKP', crv: 'Ed25519', x: '2nnrwMBwlVMizxtB7odBylo4rso-ni54cNsCcYMlaCg' },
} as const;
