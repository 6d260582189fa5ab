/**
 * The shapes of the image model: what a Run of the Dockerfile lab produces. This is
 * a model, not `docker build`: no engine runs, files are entries with sizes and
 * checksums, and commands are simulated from a small catalogue (see README.md).
 */
import type { BuildContext } from './context';
import type { DockerfileDiagnostic } from './diagnostics';
import type { ImageRef } from './image-ref';
import type { BaseImage, BaseUser } from './schema';
import type { FileEntry, LayeredFs } from './vfs';

/** ENTRYPOINT / CMD / HEALTHCHECK command: exec form keeps argv; shell form is wrapped in /bin/sh -c. */
export interface ImageCommand {
  form: 'exec' | 'shell';
  argv: string[];
  line: number;
}

/** The final image's config, as `docker inspect` shows it. */
export interface ImageConfig {
  /** USER as written ("" = root), and the line that set it (undefined = inherited from the base). */
  user: string;
  userLine?: number;
  /** Resolved uid of USER, or undefined when the name is not in /etc/passwd. */
  uid?: number;
  workdir: string;
  entrypoint?: ImageCommand;
  cmd?: ImageCommand;
  healthcheck?: ImageCommand | 'none';
  exposedPorts: string[];
  env: Record<string, string>;
  labels: Record<string, string>;
}

/** One instruction as the build executed it. */
export interface BuildStep {
  stage: number;
  line: number;
  keyword: string;
  /** The instruction as written (continuations joined). */
  source: string;
  /** The layer cache key: parent key + instruction + (COPY/ADD) checksums of the copied files + (RUN) build args. */
  cacheKey: string;
  /** Present when the instruction changes files (COPY, ADD, RUN, WORKDIR creating a directory). */
  layer?: {
    added: FileEntry[];
    /** Paths removed (whiteouts): the bytes stay in the layers below. */
    removed: string[];
    /** Bytes this layer adds to the image. */
    sizeBytes: number;
  };
  /** ENV: the names it sets. */
  envNames?: string[];
  /** Build args (ARG names) this instruction read. */
  argsUsed: string[];
  /** What the model did not simulate here. */
  notes: string[];
}

/** An ARG as declared in a stage (or before the first FROM: stage -1). */
export interface ArgDeclaration {
  name: string;
  line: number;
  stage: number;
  /** Value in effect (default, or inherited from the global ARG); undefined if none. */
  value?: string;
  /** Lines of instructions that read it. */
  usedOn: number[];
}

export interface StageModel {
  index: number;
  name?: string;
  fromLine: number;
  /** The base as written and resolved. */
  base: {
    ref: ImageRef;
    /** Index of an earlier stage used as the base. */
    stage?: number;
    /** The catalogue entry modelled (may differ from the ref: see `note`). */
    image?: BaseImage;
    note?: string;
    /** Bytes of the base (catalogue size, or the earlier stage's whole size). */
    sizeBytes: number;
  };
  steps: BuildStep[];
  /** Layers of this stage's image, including an earlier stage's when it is the base. */
  layers: BuildStep[];
  fs: LayeredFs;
  config: ImageConfig;
  users: BaseUser[];
  groups: { name: string; gid: number }[];
  args: ArgDeclaration[];
  /** Base + layers, bytes. */
  sizeBytes: number;
}

export interface BuildModel {
  /** Parse and build problems; any `error` means the image cannot be built (or started). */
  diagnostics: DockerfileDiagnostic[];
  stages: StageModel[];
  /** The image the build produces (the last stage), or undefined when none was built. */
  final?: StageModel;
  /** Where the build stopped (a RUN exited non-zero, a COPY source was missing…). */
  failure?: { line: number; message: string };
  context: BuildContext;
  /** Global ARGs (before the first FROM). */
  globalArgs: ArgDeclaration[];
  /** How sizes were obtained, to show beside them. */
  sizesLabel: string;
  /** The model's disclaimers and what it did not simulate. */
  notes: string[];
}
