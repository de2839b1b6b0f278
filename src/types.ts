// Shared shapes of the engine and its passes. Passes only read these and return data.
import type { Dockerfile, Instruction } from 'dockerfile-ast';

/** A splice into the original text of one file: replace [start, end) with text. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** An edit proposed by a pass, with the one-line reason shown to the user. */
export interface ReasonedEdit extends Edit {
  reason: string;
  /** Another file than the Dockerfile (a config copied from the build context), relative to the context. */
  file?: string;
}

export type NoteLevel = 'info' | 'warn';

/** Something the user should know that is not an edit: evidence, host-side steps, advice. */
export interface Note {
  level: NoteLevel;
  message: string;
  /** 1-based line of the Dockerfile the note is about, when there is one. */
  line?: number;
  /** Commands to run on the host (a bind-mounted folder's owner must match the container's uid). */
  hostSteps?: string[];
  /** A run-time failure the tool could not rule out: listed as a risk in the summary, JSON and SARIF. */
  risk?: boolean;
}

export interface HardenOptions {
  uid: number;
  gid: number;
  user: string;
  group: string;
  writable: string[];
  target?: string;
  buildArgs: Record<string, string>;
  comments: boolean;
  force: boolean;
  /** What a real run of the unhardened image wrote (`--learn`, kept in the config file). */
  learned?: Learned;
}

/** A file or folder that a real run of the unhardened image, as root, created or changed. */
export interface LearnedWrite {
  path: string;
  type: 'file' | 'dir';
  /** Absent before the run (new), or there and changed by it (modified). */
  change: 'new' | 'modified';
}

/** What `--learn` saw one Dockerfile's image write, as kept under `learned` in the config file. */
export interface Learned {
  writes: LearnedWrite[];
  /** The command that ran (ENTRYPOINT+CMD), and how it ended: its exit code, or 124 when still running at the timeout. */
  command?: string;
  exitCode?: number;
  /** The smoke command run beside it (`--learn-cmd`). */
  smoke?: string;
  /** When it was learned (ISO 8601). */
  at?: string;
}

export const defaultOptions: HardenOptions = {
  uid: 1001,
  gid: 1001,
  user: 'nonroot',
  group: 'nonroot',
  writable: [],
  buildArgs: {},
  comments: true,
  force: false,
};

/** One instruction, with the offsets the passes need to splice around it. */
export interface Instr {
  keyword: string;
  node: Instruction;
  /** Offsets of the instruction itself (keyword to end of its last argument or heredoc). */
  start: number;
  end: number;
  /** Offset of the start of its first line, and just after the line ending of its last line. */
  lineStart: number;
  lineEnd: number;
  /** 0-based lines of its first and last line. */
  startLine: number;
  endLine: number;
  /** Leading white space of its first line. */
  indent: string;
  /** Arguments as one logical line: continuations joined, comment lines inside them dropped. */
  args: string;
  /** Offset where the comment block directly above it starts (== lineStart when there is none). */
  commentStart: number;
  /** Index of the stage it belongs to (-1 for ARGs before the first FROM). */
  stage: number;
}

export interface Stage {
  index: number;
  /** The `AS name`, lower-cased, when given. */
  name?: string;
  from: Instr;
  /** The image text as written (`${PY}-slim`) and with ARG defaults / --build-arg substituted. */
  imageRaw: string;
  image: string;
  /** The stage this one is built FROM, when its image names an earlier stage. */
  parent?: Stage;
  /** Instructions after FROM, up to the next FROM. */
  instructions: Instr[];
}

/** A user or group the Dockerfile creates or writes into /etc/passwd. */
export interface DeclaredAccount {
  kind: 'user' | 'group';
  name?: string;
  id?: number;
  /** Primary group of a user, when the command names it (numeric or by name). */
  group?: string;
  instr: Instr;
  /** Offset just after the command word (`useradd`), where a missing `--uid` can be spliced in. */
  commandEnd: number;
  command: 'useradd' | 'adduser' | 'groupadd' | 'addgroup' | 'passwd-file';
  /** Busybox-style `adduser -u`, as opposed to Debian's `adduser --uid`. */
  busyboxSyntax: boolean;
}

export type BaseFamily = 'debian' | 'ubuntu' | 'alpine' | 'rhel' | 'ubi-minimal' | 'wolfi' | 'distroless' | 'scratch' | 'windows' | 'unknown';

/** A non-root user that an image is known to ship. */
export interface ShippedUser {
  name: string;
  uid: number;
  gid: number;
  /** How the image's own docs spell the switch back (`${NB_UID}`, `$APP_UID`), when they ask for one. */
  userSpelling?: string;
  /** The image already runs as this user by default. */
  isDefault: boolean;
}

export interface BaseInfo {
  /** The resolved image of the root of the final stage's ancestry. */
  image: string;
  family: BaseFamily;
  /** Whether a shell (and so RUN) is available in the final image. */
  hasShell: boolean;
  shippedUser?: ShippedUser;
  /** How the family was found: the table row, or the package manager seen. */
  evidence: string;
  /** A command that installs useradd/groupadd where the image lacks them (`microdnf install -y shadow-utils`). */
  installUserTools?: string;
}

/** A path the container writes at run time, with what shows it. */
export interface WritePath {
  path: string;
  evidence: string;
  /** 1-based Dockerfile line of the evidence, when it is in the Dockerfile. */
  line?: number;
  /**
   * A folder (mkdir -p, owned by the user), a single file to create, or a folder that holds the app code
   * and must take new files: group-owned by the user's group, group-writable, sticky (the code stays root's).
   */
  kind: 'dir' | 'file' | 'shared-dir';
  /** A folder the image already fills from the build context (a vector store shipped with the app): handed over with its files (chown -R). */
  recursive?: boolean;
  /** Report only: possible write path, not chowned unless asked. */
  reportOnly?: boolean;
  /** A package creates it at install time, so a chown of the folder above it does not reach it. */
  installed?: boolean;
  /** The program writes anywhere below it, where its user chooses (jupyter's notebook root): a mount below it is written. */
  anywhereBelow?: boolean;
}

/** The unprivileged user the runtime will use. */
export interface RuntimeUser {
  name: string;
  group: string;
  uid: number;
  gid: number;
  /** How to write the USER instruction (numeric `1001:1001` or the image's own `${NB_UID}`). */
  userValue: string;
  /** Why this user: created here, reused from the Dockerfile, shipped by the base. */
  source: 'create' | 'dockerfile' | 'base';
  /** When the Dockerfile creates the user without a uid, where to splice one in. */
  declared?: DeclaredAccount;
  /** Whether the group must be created too (false when the Dockerfile already has it). */
  createGroup: boolean;
}

/** Decisions that earlier passes hand to later ones. */
export interface Plan {
  base?: BaseInfo;
  user?: RuntimeUser;
  writePaths: WritePath[];
  /** Code that writes to paths computed at run time (`index.py lines 45, 60`): those writes may land anywhere. */
  unresolvedWrites?: string[];
  /** Instructions an opt-out comment asks the tool to leave as written: edits inside them are dropped. */
  ignored?: Instr[];
}

/** A file read from the build context (a supervisor config, an entrypoint script). */
export interface ContextFile {
  path: string;
  text: string;
}

/** Everything the passes may read: the parsed file and what the engine worked out once. */
export interface Analysis {
  file: string;
  text: string;
  dockerfile: Dockerfile;
  eol: '\n' | '\r\n';
  escape: string;
  lowercaseKeywords: boolean;
  instructions: Instr[];
  stages: Stage[];
  finalStage: Stage;
  /** The final stage and the stages it is built FROM, root first. */
  runtimeChain: Stage[];
  /** ARG defaults before the first FROM, overridden by --build-arg. */
  globalArgs: Map<string, string | undefined>;
  /** ENV values in effect at the end of the final stage (through its ancestry). */
  env: Map<string, string>;
  /** Accounts created in the runtime chain. */
  accounts: DeclaredAccount[];
  options: HardenOptions;
  /** Reads a file of the build context by its path relative to the context; undefined when absent. */
  readContextFile: (rel: string) => string | undefined;
  /** The files under a folder of the build context, relative to that folder; undefined when it is not a folder. */
  listContextFiles: (relDir: string) => string[] | undefined;
  /** Whether the build context has this file, without reading it (a database or model copied in with the code). */
  hasContextFile: (rel: string) => boolean;
  /** 0-based line of an offset. */
  lineOf: (offset: number) => number;
  /** Substitute the ARG / ENV values in scope just before a runtime-chain instruction. */
  resolve: (value: string, instr: Instr) => string;
  /**
   * What shared scans have worked out for this file, keyed by the scan, so several passes can ask and the
   * scan runs once. Kept on the analysis, not in a module-level WeakMap: a long-lived WeakMap holds each
   * file's young objects through the garbage collector's minor collections, and on a run over thousands of
   * files that copying cost more than the scans it saved.
   */
  memo: Map<object, unknown>;
}

export interface PassContext {
  analysis: Analysis;
  plan: Plan;
}

export interface PassResult {
  edits?: ReasonedEdit[];
  notes?: Note[];
  /** Leave the whole file alone, with this one-line reason. */
  skip?: string;
  /** Leave the file alone but make --check fail: it cannot be hardened as it is. */
  blocker?: string;
  plan?: Partial<Plan>;
}

export interface Pass {
  name: string;
  description: string;
  run(ctx: PassContext): PassResult;
}

/** One file the run would change: its text before and after. */
export interface FileOutput {
  /** Path as given to the engine (the Dockerfile) or the context file's path. */
  path: string;
  before: string;
  after: string;
}

/** A change as shown in the summary: which pass, where, what and why. */
export interface Change {
  pass: string;
  file: string;
  line: number;
  reason: string;
}

/** The engine's answer for one Dockerfile. */
export interface FileResult {
  file: string;
  /** The Dockerfile and any context files it edits, only those that change. */
  outputs: FileOutput[];
  changes: Change[];
  notes: Note[];
  plan: Plan;
  /** Set when the file was left alone on purpose. */
  skipped?: string;
  /** Set when the file cannot be hardened as it is: --check fails, nothing is written. */
  blocker?: string;
}

/** What a write-path detector finds: paths with evidence, and edits it needs (a config moved out of /var/run). */
export interface DetectorResult {
  paths: WritePath[];
  edits?: ReasonedEdit[];
  notes?: Note[];
  /** The file cannot work as non-root as it is (an app under /root): --check fails, nothing is written. */
  blocker?: string;
  /** Leave the file alone on purpose (a program that must start as root), with this one-line reason. */
  skip?: string;
  /** Code that writes to paths computed at run time, for the detectors after this one (`index.py lines 45, 60`). */
  unresolved?: string[];
}

/** One kind of runtime writer (supervisor, Hugging Face, VOLUME…), one file each in transforms/writable/. */
export interface Detector {
  name: string;
  description: string;
  detect(ctx: PassContext): DetectorResult;
}
