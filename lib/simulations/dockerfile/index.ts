/**
 * The Dockerfile lab engine's public surface. A model of docker build (see README.md):
 * parse → build context → layered image → cache → findings.
 */
export { parseDockerfile, MAX_DOCKERFILE_BYTES, type ParsedDockerfile } from './parse';
export { simulateBuild, MODEL_NOTE, type DockerfileInput } from './build';
export { rebuildAfter, compareBuilds, CODE_CHANGE, DEPENDENCY_CHANGE, type RebuildReport, type CacheStep } from './cache';
export { labReport, inputFromFiles, findingsOf, expectedBinaryPath, type LabReport } from './lab';
export { FINDING_KINDS, type Finding, type FindingKind } from './findings';
export { picture, type DockerfilePicture, type StagePicture, type LayerPicture } from './picture';
export type { BuildModel, StageModel, BuildStep, ImageConfig, ImageCommand } from './model';
export type { DockerfileDiagnostic } from './diagnostics';
export type { ContextChange } from './context';
