/**
 * Resolves a FROM reference to a base image of the catalogue and builds its
 * filesystem. References not in the catalogue fall back to their repository's
 * entry (golang:latest → golang:1.23) with a note saying so; unknown repositories
 * give an empty image of unknown size and a warning.
 */
import { checksum } from './hash';
import type { ImageRef } from './image-ref';
import type { BaseCatalogue, BaseImage } from './schema';
import type { FileEntry } from './vfs';

export interface ResolvedBase {
  image?: BaseImage;
  note?: string;
}

export function resolveBase(catalogue: BaseCatalogue, ref: ImageRef): ResolvedBase {
  const withTag = ref.tag ? `${ref.repository}:${ref.tag}` : ref.repository;
  const exact = catalogue.images.find((i) => i.ref === withTag || i.aliases.includes(withTag));
  if (exact) return { image: exact };
  const fallbackRef = catalogue.fallbacks[ref.repository];
  const fallback = catalogue.images.find((i) => i.ref === fallbackRef);
  if (fallback) {
    return { image: fallback, note: `${ref.raw} is not in the lab's catalogue; it is modelled as ${fallback.ref}, the closest entry (the real image may be newer and a different size).` };
  }
  return { note: `${ref.raw} is not in the lab's catalogue (${catalogue.images.map((i) => i.ref).join(', ')}): the model treats it as an empty image of unknown size.` };
}

const EXECUTABLE_DIRS = /\/(s?bin)\/|\/lib\/|\/pkg\/tool\//;

/** The catalogue's notable files as filesystem entries (their bytes are counted in the base size, so size 0). */
export function baseFiles(image: BaseImage): FileEntry[] {
  return image.files.map((path) => ({
    path, type: 'file', size: 0, mode: EXECUTABLE_DIRS.test(path) ? 0o755 : 0o644, uid: 0, gid: 0,
    digest: checksum(image.ref, path), origin: { kind: 'base', image: image.ref },
  }));
}
