/**
 * The Dockerfile as the model reads it: one normalised record per instruction,
 * values still unexpanded (`$VAR` is resolved when the stage runs, because ARG and
 * ENV scoping depends on where the instruction sits).
 */

/** Where an instruction is and how it was written. Lines are 1-based. */
export interface InstructionBase {
  line: number;
  endLine: number;
  column: number;
  /** The instruction as written, continuation lines joined: the build cache keys on it. */
  source: string;
}

/** `KEY=value` pairs of ENV and LABEL; ARG's optional default. */
export type KeyValue = [name: string, value: string];

export type Instruction = InstructionBase &
  (
    | { keyword: 'FROM'; image: string; stageName?: string; platform?: string }
    | { keyword: 'ARG'; name: string; defaultValue?: string }
    | { keyword: 'ENV'; pairs: KeyValue[] }
    | { keyword: 'LABEL'; pairs: KeyValue[] }
    | { keyword: 'WORKDIR'; path: string }
    | {
        keyword: 'COPY' | 'ADD';
        sources: string[];
        dest: string;
        /** --from=<stage name, stage index or image> */
        from?: string;
        /** --chown=user[:group] */
        chown?: string;
        /** --chmod=octal */
        chmod?: string;
      }
    | {
        keyword: 'RUN';
        /** Shell form: the command line for /bin/sh -c. */
        shell?: string;
        /** Exec form: argv, no shell. */
        exec?: string[];
        /** --mount options as written (not modelled beyond being recorded). */
        mounts: string[];
      }
    | { keyword: 'USER'; user: string }
    | { keyword: 'EXPOSE'; ports: string[] }
    | { keyword: 'ENTRYPOINT' | 'CMD'; form: 'exec' | 'shell'; args: string[] }
    | { keyword: 'HEALTHCHECK'; none: boolean; form?: 'exec' | 'shell'; args: string[]; options: Record<string, string> }
    /** Known to Docker, recorded, not modelled: SHELL, STOPSIGNAL, VOLUME, ONBUILD, MAINTAINER. */
    | { keyword: 'OTHER'; name: string; args: string }
  );

export type InstructionOf<K extends Instruction['keyword']> = Extract<Instruction, { keyword: K }>;

/** A build stage: its FROM and the instructions up to the next FROM. */
export interface ParsedStage {
  /** 0-based position; `COPY --from=0` names a stage by it. */
  index: number;
  from: InstructionOf<'FROM'>;
  instructions: Instruction[];
}

export const KNOWN_KEYWORDS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
] as const;
