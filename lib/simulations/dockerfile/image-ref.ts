/** Image references as Docker reads them: [registry/]repository[:tag][@digest]. */

export interface ImageRef {
  /** As written (after variable expansion). */
  raw: string;
  /** Registry and path without tag or digest: "golang", "gcr.io/distroless/static-debian12". */
  repository: string;
  /** undefined when none was written (Docker then pulls `latest`). */
  tag?: string;
  digest?: string;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

export function parseImageRef(raw: string): ImageRef {
  const [nameTag, digest] = raw.split('@', 2);
  const slash = nameTag.lastIndexOf('/');
  const colon = nameTag.lastIndexOf(':');
  const hasTag = colon > slash;
  return {
    raw,
    repository: (hasTag ? nameTag.slice(0, colon) : nameTag).replace(/^docker\.io\/(library\/)?/, ''),
    tag: hasTag ? nameTag.slice(colon + 1) : undefined,
    digest,
  };
}

export function isValidDigest(digest: string): boolean {
  return DIGEST.test(digest);
}

/** How the lab judges a pin: a digest, or a tag that names a version (has a digit and is not "latest"). */
export function pinStatus(ref: ImageRef): 'digest' | 'version-tag' | 'floating-tag' | 'no-tag' {
  if (ref.digest) return 'digest';
  if (!ref.tag) return 'no-tag';
  if (ref.tag === 'latest' || !/\d/.test(ref.tag)) return 'floating-tag';
  return 'version-tag';
}
