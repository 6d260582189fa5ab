/**
 * Schemas of the Dockerfile lab's content: the base image catalogue
 * (content/dockerfile/base-images.json) and the build context manifest
 * (content/dockerfile/context/manifest.json). Both are data the model reads; bad
 * content fails the tests with zod's message naming the field.
 */
import { z } from 'zod';

export const baseUserSchema = z.object({
  name: z.string().describe('user name as in /etc/passwd'),
  uid: z.number().int().min(0),
  gid: z.number().int().min(0),
});
export type BaseUser = z.infer<typeof baseUserSchema>;

export const baseImageSchema = z.object({
  ref: z.string().describe('the reference the catalogue entry describes, e.g. "alpine:3.20"'),
  aliases: z.array(z.string()).default([]).describe('other references served by the same entry (e.g. a shorter tag)'),
  sizeBytes: z.number().int().min(0).describe('uncompressed size on linux/amd64, bytes (what `docker image ls` shows)'),
  libc: z.enum(['glibc', 'musl']).nullable().describe('the C library a dynamically linked binary needs, or null when there is none'),
  cCompiler: z.boolean().describe('true when gcc is installed, so `go build` links with cgo unless CGO_ENABLED=0'),
  user: z.string().default('').describe('the image config USER ("" means root)'),
  workdir: z.string().default('/').describe('the image config WORKDIR'),
  env: z.record(z.string(), z.string()).default({}).describe('the image config ENV'),
  users: z.array(baseUserSchema).describe('accounts in /etc/passwd'),
  files: z.array(z.string()).describe('notable files in the image (commands, certificates, the Go toolchain); their bytes are part of sizeBytes'),
  note: z.string().optional(),
});
export type BaseImage = z.infer<typeof baseImageSchema>;

export const baseCatalogueSchema = z.object({
  sizesLabel: z.string().describe('how the sizes were obtained, shown beside every size'),
  asOf: z.string().describe('the date the sizes describe (YYYY-MM)'),
  fallbacks: z.record(z.string(), z.string()).describe('repository → catalogue ref used when a tag is not in the catalogue (e.g. golang:latest)'),
  images: z.array(baseImageSchema),
});
export type BaseCatalogue = z.infer<typeof baseCatalogueSchema>;

export const contextFileSchema = z.object({
  path: z.string().describe('path relative to the context root, "/"-separated, no leading "./"'),
  size: z.number().int().min(0).describe('bytes'),
  mode: z.number().int().optional().describe('permission bits (default 0o644)'),
  content: z.string().optional().describe('the text, for the few files the lab shows or reads'),
});
export type ContextFile = z.infer<typeof contextFileSchema>;

export const goModuleSchema = z.object({
  path: z.string(),
  version: z.string(),
  sizeBytes: z.number().int().min(0).describe('approximate size of the module in the module cache, bytes'),
});

export const contextManifestSchema = z.object({
  description: z.string(),
  files: z.array(contextFileSchema).min(1),
  go: z.object({
    modules: z.array(goModuleSchema).describe('what `go mod download` fetches (the require graph of go.mod, flattened)'),
    binarySizeBytes: z.number().int().min(1).describe('approximate size of the linked backend binary'),
    buildCacheSizeBytes: z.number().int().min(0).describe('approximate size of GOCACHE after one build'),
  }),
  target: z.object({
    pluginDir: z.string().describe('where the lab wants the plugin in the image'),
    os: z.string(),
    arch: z.string(),
  }),
});
export type ContextManifest = z.infer<typeof contextManifestSchema>;
