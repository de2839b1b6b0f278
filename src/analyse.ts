// Parse once and work out what every pass needs: instructions with offsets, stages, variables, accounts.
import { DockerfileParser, Instruction as InstructionClass } from 'dockerfile-ast';
import type { Argument, Dockerfile, Instruction, Property } from 'dockerfile-ast';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { findAccounts } from './accounts.js';
import { HardenError } from './errors.js';
import type { Analysis, HardenOptions, Instr, Stage } from './types.js';
import { substitute, unquote } from './variables.js';

export const KEYWORDS = new Set([
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT',
  'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
]);

// dockerfile-ast scans an instruction's text again on every getRawArguments() call, and the parser, flag
// lookups and our own reads make several per instruction. The text never changes after parsing: scan once.
// A copy is handed out because callers shift() flags off the array they get.
const RAW_ARGUMENTS = Symbol('rawArguments');
const instructionProto = InstructionClass.prototype as unknown as { getRawArguments(this: Instruction): Argument[] };
const scanArguments = instructionProto.getRawArguments;
instructionProto.getRawArguments = function (this: Instruction & { [RAW_ARGUMENTS]?: Argument[] }): Argument[] {
  return (this[RAW_ARGUMENTS] ??= scanArguments.call(this)).slice();
};

/** BuildKit reads heredocs in these instructions only (and in ONBUILD triggers of them). */
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD', 'ONBUILD']);

export interface AnalyseInput {
  file: string;
  text: string;
  options: HardenOptions;
  readContextFile?: (rel: string) => string | undefined;
  listContextFiles?: (relDir: string) => string[] | undefined;
  hasContextFile?: (rel: string) => boolean;
}

export function analyse({ file, text, options, readContextFile, listContextFiles, hasContextFile }: AnalyseInput): Analysis {
  // The parser takes a bare CR as a line break and Docker does not: the two would disagree on the lines.
  const bareCr = /\r(?!\n)/.exec(text);
  if (bareCr && text.trim() !== '') throw new HardenError(`line ${lineCount(text, bareCr.index)}: a carriage return without a line feed (old Mac line ending); convert the file to LF or CRLF first`, file);
  const { dockerfile, nodes } = parseDockerfile(file, text);
  const doc = TextDocument.create('file:///Dockerfile', 'dockerfile', 0, text);
  const escape = dockerfile.getEscapeCharacter();
  const eol: '\n' | '\r\n' = /\r\n/.test(text.slice(0, (text.indexOf('\n') + 1) || text.length)) ? '\r\n' : '\n';
  const lineOf = (offset: number) => doc.positionAt(offset).line;

  const instructions: Instr[] = nodes.map(({ node, keyword, stage }) => {
    const instr = makeInstr(text, doc, node, keyword, escape, stage);
    if (HEREDOC_KEYWORDS.has(keyword)) checkHeredocsClosed(text, instr, escape, file);
    // A continuation with nothing after it would swallow any line inserted below it.
    if (endsInContinuation(text.slice(instr.start, instr.end), escape)) {
      throw new HardenError(`line ${instr.endLine + 1}: the instruction ends with a line continuation ('${escape}') and no line after it; remove the trailing '${escape}'`, file);
    }
    return instr;
  });

  const globalArgs = new Map<string, string | undefined>();
  for (const instr of instructions) {
    if (instr.stage >= 0) break;
    for (const [name, value] of argProperties(instr.node)) {
      globalArgs.set(name, value === undefined ? undefined : substitute(value, globalArgs));
    }
  }
  for (const [name, value] of Object.entries(options.buildArgs)) globalArgs.set(name, value);

  const stages: Stage[] = [];
  const stagesByName = new Map<string, Stage>();
  for (const instr of instructions) {
    if (instr.keyword === 'FROM') {
      const words = instr.args.split(/\s+/).filter((w) => w !== '');
      const positional = words.filter((w) => !w.startsWith('--'));
      const imageRaw = positional[0] ?? '';
      const name = positional.length >= 3 && positional[1].toLowerCase() === 'as' ? positional[2].toLowerCase() : undefined;
      const image = substitute(imageRaw, globalArgs);
      const parent = stagesByName.get(image.toLowerCase());
      const stage: Stage = { index: stages.length, name, from: instr, imageRaw, image, parent, instructions: [] };
      stages.push(stage);
      // The first stage of a name is the one later FROMs refer to.
      if (name !== undefined && !stagesByName.has(name)) stagesByName.set(name, stage);
    } else if (instr.stage >= 0) {
      stages[instr.stage].instructions.push(instr);
    }
  }

  let finalStage = stages[stages.length - 1];
  if (options.target !== undefined) {
    const wanted = options.target.toLowerCase();
    const found = stages.find((s) => s.name === wanted) ?? (/^\d+$/.test(wanted) ? stages[Number(wanted)] : undefined);
    if (!found) throw new HardenError(`no stage named '${options.target}' (--target)`, file);
    finalStage = found;
  }
  const runtimeChain: Stage[] = [];
  for (let s: Stage | undefined = finalStage; s; s = s.parent) runtimeChain.unshift(s);

  // Each variable's values by instruction position, so a scope is a lookup rather than a copy per instruction.
  const history = new Map<string, VariableSetting[]>();
  const positions = new Map<Instr, number>();
  const vars = new Map<string, string | undefined>();
  const record = (name: string, value: string | undefined, at: number) => {
    vars.set(name, value);
    const settings = history.get(name) ?? [];
    settings.push({ at, value });
    history.set(name, settings);
  };
  let position = 0;
  for (const s of runtimeChain) {
    for (const instr of s.instructions) {
      positions.set(instr, position);
      if (instr.keyword === 'ARG') {
        for (const [name, value] of argProperties(instr.node)) {
          const fromCli = options.buildArgs[name];
          const inherited = globalArgs.get(name);
          record(name, fromCli ?? (value !== undefined ? substitute(value, vars) : inherited), position);
        }
      } else if (instr.keyword === 'ENV') {
        for (const [name, value] of envProperties(instr.node)) record(name, substitute(value, vars), position);
      }
      position++;
    }
  }
  const env = new Map<string, string>();
  for (const s of runtimeChain) {
    for (const instr of s.instructions) {
      if (instr.keyword !== 'ENV') continue;
      for (const [name] of envProperties(instr.node)) env.set(name, vars.get(name) ?? '');
    }
  }

  const resolve = (value: string, instr: Instr) => {
    const at = positions.get(instr);
    return substitute(value, at === undefined ? globalArgs : { get: (name) => valueBefore(history.get(name), at) });
  };
  const analysis: Analysis = {
    file,
    text,
    dockerfile,
    eol,
    escape,
    lowercaseKeywords: isMostlyLowercase(instructions),
    instructions,
    stages,
    finalStage,
    runtimeChain,
    globalArgs,
    env,
    accounts: [],
    options,
    readContextFile: readContextFile ?? (() => undefined),
    listContextFiles: listContextFiles ?? (() => undefined),
    hasContextFile: hasContextFile ?? ((rel) => readContextFile?.(rel) !== undefined),
    lineOf,
    resolve,
    memo: new Map(),
  };
  analysis.accounts = findAccounts(analysis);
  return analysis;
}

/**
 * An unclosed heredoc swallows the rest of the file, so a line inserted below it would land in its
 * body: refuse the file instead. Markers are read from the instruction's logical first line, outside quotes.
 */
function checkHeredocsClosed(text: string, instr: Instr, escape: string, file: string): void {
  // The logical line: physical lines joined while they end in the escape character (comments inside skipped).
  let firstLine = '';
  let searchFrom = instr.start;
  let continued = true;
  let physicalLines = 0;
  while (continued && searchFrom < text.length) {
    physicalLines++;
    const nl = text.indexOf('\n', searchFrom);
    const line = text.slice(searchFrom, nl < 0 ? text.length : nl).replace(/\r$/, '');
    searchFrom = nl < 0 ? text.length : nl + 1;
    // Comment and blank lines inside a continuation do not end it.
    if (firstLine !== '' && (line.trim() === '' || /^\s*#/.test(line))) continue;
    const trimmed = line.trimEnd();
    continued = trimmed.endsWith(escape);
    firstLine += (continued ? trimmed.slice(0, -escape.length) : line) + ' ';
  }
  for (const at of firstLine.matchAll(/<</g)) {
    const before = firstLine.slice(0, at.index);
    if ((before.split('"').length - 1) % 2 === 1 || (before.split("'").length - 1) % 2 === 1) continue;
    // Only a plain marker followed by white space is read the same way by Docker and the parser.
    const m = /^<<(-?)(["']?)([A-Za-z0-9_][A-Za-z0-9_./-]*)\2(?=\s|$)/.exec(firstLine.slice(at.index));
    if (!m || (at.index > 0 && firstLine[at.index - 1] === '<')) {
      throw new HardenError(`line ${instr.startLine + 1}: an unusual '<<' (not a plain heredoc marker) may be read differently by Docker and by the parser; rewrite it first`, file);
    }
    const [, dash, , name] = m;
    if (physicalLines > 1) throw new HardenError(`line ${instr.startLine + 1}: heredoc <<${name} on a continued line is read differently by Docker and by the parser; join the line first`, file);
    let closed = false;
    while (searchFrom < text.length) {
      const nl = text.indexOf('\n', searchFrom);
      const lineEnd = nl < 0 ? text.length : nl;
      let line = text.slice(searchFrom, lineEnd).replace(/\r$/, '');
      if (dash) line = line.replace(/^\t+/, '');
      searchFrom = lineEnd + 1;
      if (line === name) {
        closed = true;
        break;
      }
    }
    if (!closed) throw new HardenError(`line ${instr.startLine + 1}: heredoc <<${name} is never closed (no line '${name}' after it)`, file);
  }
}

/** Whether the last line that is not blank or a comment still ends in the escape character. */
function endsInContinuation(body: string, escape: string): boolean {
  let end = body.length;
  while (end > 0) {
    const start = body.lastIndexOf('\n', end - 1) + 1;
    const line = body.slice(start, end).trim();
    if (start === 0 || (line !== '' && !line.startsWith('#'))) return line.endsWith(escape);
    end = start - 1;
  }
  return false;
}

function lineCount(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

interface VariableSetting {
  at: number;
  value: string | undefined;
}

/**
 * Parse and refuse what cannot be rewritten safely: an empty file, an unknown keyword, an instruction
 * before the first FROM, no FROM at all (a fragment from the middle of a file may start past FROM and hold none).
 * Each instruction comes with its stage index (-1 before FROM).
 */
export function parseDockerfile(file: string, text: string, fragment = false): { dockerfile: Dockerfile; nodes: { node: Instruction; keyword: string; stage: number }[]; stages: number } {
  if (text.trim() === '') throw new HardenError('empty file', file);
  const dockerfile = DockerfileParser.parse(text);
  const nodes: { node: Instruction; keyword: string; stage: number }[] = [];
  let stage = -1;
  for (const node of dockerfile.getInstructions()) {
    const keyword = node.getKeyword();
    if (!KEYWORDS.has(keyword)) {
      const line = node.getRange().start.line;
      // The hint only where a `<< TAG` above could have left its body to be read as instructions.
      const spacedHeredoc = text.split('\n', line).some((l) => /<<-?[ \t]+["']?[A-Za-z_]/.test(l));
      const hint = spacedHeredoc ? ` (a heredoc written '<< EOF' with a space is read this way)` : '';
      throw new HardenError(`line ${line + 1}: unknown instruction '${node.getInstruction()}'${hint}`, file);
    }
    if (keyword === 'FROM') stage++;
    else if (stage < 0 && keyword !== 'ARG' && !fragment) {
      throw new HardenError(`line ${node.getRange().start.line + 1}: ${keyword} before the first FROM`, file);
    }
    nodes.push({ node, keyword, stage });
  }
  if (stage < 0 && !fragment) throw new HardenError('no FROM instruction: not a Dockerfile', file);
  return { dockerfile, nodes, stages: stage + 1 };
}

/** The value last set strictly before instruction position `at` (binary search over increasing positions). */
function valueBefore(settings: VariableSetting[] | undefined, at: number): string | undefined {
  if (!settings) return undefined;
  let lo = 0;
  let hi = settings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (settings[mid].at < at) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? settings[lo - 1].value : undefined;
}

function makeInstr(text: string, doc: TextDocument, node: Instruction, keyword: string, escape: string, stage: number): Instr {
  const range = node.getRange();
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  const lineStart = doc.offsetAt({ line: range.start.line, character: 0 });
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, start))?.[0] ?? '';
  return {
    keyword,
    node,
    start,
    end,
    lineStart,
    lineEnd,
    startLine: range.start.line,
    endLine: range.end.line,
    indent,
    args: logicalArguments(node, escape),
    commentStart: commentBlockStart(text, lineStart),
    stage,
  };
}

/** The arguments as Docker reads them: continuation escapes joined, comment lines inside dropped. */
function logicalArguments(node: Instruction, escape: string): string {
  const raw = node.getRawArgumentsContent() ?? '';
  if (/^\s*<</.test(raw) || /<<-?["']?[A-Za-z_]/.test(raw)) return raw.replace(/\r\n/g, '\n');
  const lines = raw.split(/\r?\n/);
  const kept: string[] = [];
  lines.forEach((line, i) => {
    if (i > 0 && /^\s*#/.test(line)) return;
    kept.push(line.endsWith(escape) ? line.slice(0, -escape.length) : line);
  });
  return kept.join(' ').trim();
}

/** Start offset of the run of comment lines directly above the line at `lineStart` (no blank line between). */
function commentBlockStart(text: string, lineStart: number): number {
  let start = lineStart;
  while (start > 0) {
    const prevEnd = start - 1; // the '\n' ending the previous line
    const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
    const line = text.slice(prevStart, prevEnd).replace(/\r$/, '');
    if (!/^\s*#/.test(line) || isDirective(text, prevStart, line)) break;
    start = prevStart;
  }
  return start;
}

/** Parser directives (`# escape=`, `# syntax=`) at the top of the file are not comments about an instruction. */
function isDirective(text: string, lineStartOffset: number, line: string): boolean {
  return /^#\s*(escape|syntax|check)\s*=/i.test(line.trim()) && !/^\s*[A-Za-z]/m.test(text.slice(0, lineStartOffset));
}

export function argProperties(node: Instruction): [string, string | undefined][] {
  const getProperty = (node as unknown as { getProperty?: () => Property | null }).getProperty;
  const property = getProperty?.call(node);
  if (!property) return [];
  const value = property.getValue();
  return [[property.getName(), value === null ? undefined : unquote(value)]];
}

export function envProperties(node: Instruction): [string, string][] {
  const getProperties = (node as unknown as { getProperties?: () => Property[] }).getProperties;
  return (getProperties?.call(node) ?? []).map((p) => [p.getName(), p.getValue() ?? '']);
}

function isMostlyLowercase(instructions: Instr[]): boolean {
  let lower = 0;
  for (const instr of instructions) {
    const word = instr.node.getInstruction();
    if (word === word.toLowerCase()) lower++;
  }
  return lower * 2 > instructions.length;
}
