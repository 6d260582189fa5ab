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
  const fallback = variantOf(catalogue, ref) ?? catalogue.images.find((i) => i.ref === catalogue.fallbacks[ref.repository]);
  if (fallback) {
    return { image: fallback, note: `${ref.raw} is not in the lab's catalogue; it is modelled as ${fallback.ref}, the closest entry (the real image may be newer and a different size).` };
  }
  return { note: `${ref.raw} is not in the lab's catalogue (${catalogue.images.map((i) => i.ref).join(', ')}): the model treats it as an empty image of unknown size.` };
}

/** Tag flavours that change what an image holds (golang:1.22-alpine has no gcc; golang:1.22 has). */
const VARIANTS = ['alpine', 'bookworm', 'slim', 'nonroot'];

/**
 * For a tag the catalogue lacks, the entry of the same repository with the same flavour
 * (golang:1.22-alpine → golang:1.23-alpine, not the Debian-based golang:1.23), so the
 * model keeps what matters to the build: libc, a C compiler, the default user.
 */
function variantOf(catalogue: BaseCatalogue, ref: ImageRef): BaseImage | undefined {
  const flavour = VARIANTS.find((v) => ref.tag?.includes(v));
  if (!flavour) return undefined;
  const tagOf = (r: string) => (r.startsWith(`${ref.repository}:`) ? r.slice(ref.repository.length + 1) : undefined);
  return catalogue.images.find((i) => [i.ref, ...i.aliases].some((r) => tagOf(r)?.includes(flavour)));
}

const EXECUTABLE_DIRS = /\/(s?bin)\/|\/lib\/|\/pkg\/tool\//;

/** The catalogue's notable files as filesystem entries (their bytes are counted in the base size, so size 0). */
export function baseFiles(image: BaseImage): FileEntry[] {
  return image.files.map((path) => ({
    path, type: 'file', size: 0, mode: EXECUTABLE_DIRS.test(path) ? 0o755 : 0o644, uid: 0, gid: 0,
    digest: checksum(image.ref, path), origin: { kind: 'base', image: image.ref },
  }));
}
