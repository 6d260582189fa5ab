/**
 * The lab's fixed data, validated once: the base image catalogue and the build
 * context manifest (both in content/dockerfile/).
 */
import baseImagesJson from '../../../content/dockerfile/base-images.json';
import manifestJson from '../../../content/dockerfile/context/manifest.json';
import { baseCatalogueSchema, contextManifestSchema, type BaseCatalogue, type ContextManifest } from './schema';

let catalogue: BaseCatalogue | undefined;
let manifest: ContextManifest | undefined;

/** The base image catalogue (content/dockerfile/base-images.json). Throws a zod error when the content is bad. */
export function baseCatalogue(): BaseCatalogue {
  catalogue ??= baseCatalogueSchema.parse(baseImagesJson);
  return catalogue;
}

/** The plugin repository's build context (content/dockerfile/context/manifest.json). */
export function contextManifest(): ContextManifest {
  manifest ??= contextManifestSchema.parse(manifestJson);
  return manifest;
}
