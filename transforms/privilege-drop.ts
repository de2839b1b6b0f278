// Pass: leave alone images that must start as root — entrypoints that drop root themselves,
// programs that need root (cron, sshd, smbd), and parent images whose ONBUILD RUN triggers need it.
import path from 'node:path';
import { normaliseImage } from '../src/data/base-images.js';
import { DROPPING_ENTRYPOINT_IMAGES, PRIVILEGE_DROPPERS, ROOT_ONLY_PROGRAMS } from '../src/data/entrypoints.js';
import { commandName, splitCommands } from '../src/shell.js';
import type { Analysis, Instr, Pass, PassResult } from '../src/types.js';
import { userStates } from '../src/users.js';
import { runtimeInstructions } from './writable/shared.js';

export const name = 'privilege-drop';
export const description = 'Skip images that must start as root: entrypoints that drop privileges themselves, cron/sshd/smbd, ONBUILD RUN triggers';

const reasons = {
  dropper: (where: string, command: string) => `${where} drops root itself with ${command}, so the container must start as root; left alone`,
  knownEntrypoint: (image: string, user: string, source: string) => `base image '${image}' starts as root and its docker-entrypoint.sh switches to '${user}' itself (${source}); left alone`,
  installsDropper: (line: number, command: string) => `line ${line} installs ${command}, which an entrypoint uses to drop root itself; left alone (check the entrypoint, or pass --force to harden anyway)`,
  rootOnly: (where: string, command: string, alternative: string) => `${where} starts ${command}, which must start as root; ${alternative}, or pass --force`,
  onbuild: (line: number) => `line ${line}: ONBUILD RUN runs in every child build as the user this image ends with, so a USER here would break it; harden the child Dockerfiles, or pass --force`,
};

interface Script {
  /** Where the commands come from, for messages ("line 7", "entrypoint.sh"). */
  where: string;
  commands: string[][];
}

export const privilegeDrop: Pass = {
  name,
  description,
  run({ analysis, plan }): PassResult {
    if (!plan.base || analysis.options.force || !userStates(analysis, plan.base).final.isRoot) return {};
    const chain = runtimeInstructions(analysis);

    const onbuild = chain.find((i) => i.keyword === 'ONBUILD' && /^RUN\b/i.test(i.args));
    if (onbuild) return { skip: reasons.onbuild(onbuild.startLine + 1) };

    const scripts = startScripts(analysis, chain);
    for (const script of scripts) {
      for (const words of script.commands) {
        const cmd = commandName(words);
        if (!cmd) continue;
        const program = cmd.name === 'service' && words[cmd.index + 1] ? words[cmd.index + 1] : cmd.name;
        const rootOnly = ROOT_ONLY_PROGRAMS.find((p) => p.command === program);
        if (rootOnly) return { skip: reasons.rootOnly(script.where, program, rootOnly.alternative) };
        const dropper = PRIVILEGE_DROPPERS.find((d) => d.command === cmd.name && (!d.needs || d.needs.test(words.join(' '))));
        if (dropper) return { skip: reasons.dropper(script.where, dropper.label ?? dropper.command) };
      }
    }
    const root = analysis.runtimeChain[0];
    const known = DROPPING_ENTRYPOINT_IMAGES.find((row) => row.pattern.test(normaliseImage(root.image)));
    const ownEntrypoint = chain.some((i) => i.keyword === 'ENTRYPOINT' && !/docker-entrypoint/.test(i.args));
    if (known && !ownEntrypoint) return { skip: reasons.knownEntrypoint(root.image, known.user, known.source) };

    for (const instr of chain) {
      if (instr.keyword !== 'RUN') continue;
      const m = /(?:^|[\s/])(gosu|su-exec)(?=[\s;&|]|$)/.exec(instr.args);
      if (m) return { skip: reasons.installsDropper(instr.startLine + 1, m[1]) };
    }
    return {};
  },
};

/** The commands the container starts with: its ENTRYPOINT and CMD, and the scripts they run when the context has them. */
function startScripts(analysis: Analysis, chain: readonly Instr[]): Script[] {
  const entrypoint = [...chain].reverse().find((i) => i.keyword === 'ENTRYPOINT');
  const cmd = [...chain].reverse().find((i) => i.keyword === 'CMD');
  const scripts: Script[] = [];
  const programs: string[] = [];
  for (const instr of [entrypoint, cmd]) {
    if (!instr) continue;
    const commands = instructionCommands(analysis.resolve(instr.args, instr));
    scripts.push({ where: `line ${instr.startLine + 1}`, commands });
    for (const words of commands) {
      const c = commandName(words);
      if (!c) continue;
      programs.push(words[c.index]);
      // `sh /entrypoint.sh` and `bash -c ...` name the script as an argument.
      if (['sh', 'bash', 'ash', 'dash'].includes(c.name) && words[c.index + 1] && !words[c.index + 1].startsWith('-')) programs.push(words[c.index + 1]);
    }
  }
  for (const program of programs) {
    const source = copiedSource(chain, program);
    const text = source && analysis.readContextFile(source);
    if (text) scripts.push({ where: source, commands: splitCommands(text) });
  }
  return scripts;
}

/** Commands of a CMD/ENTRYPOINT: the exec-form array (a `sh -c` script split further), or the shell form. */
function instructionCommands(args: string): string[][] {
  const trimmed = args.trim();
  if (trimmed.startsWith('[')) {
    try {
      const words = JSON.parse(trimmed) as unknown;
      if (Array.isArray(words) && words.every((w) => typeof w === 'string')) {
        const list = words as string[];
        const c = list.findIndex((w) => w === '-c');
        if (c > 0 && ['sh', 'bash', '/bin/sh', '/bin/bash'].includes(list[c - 1]) && list[c + 1]) return splitCommands(list[c + 1]);
        return [list];
      }
    } catch {
      // Not valid JSON: Docker runs it as a shell command.
    }
  }
  return splitCommands(trimmed);
}

/** The build-context path of a file the runtime stages COPY/ADD to `target` (or by the same file name). */
function copiedSource(chain: readonly Instr[], target: string): string | undefined {
  const base = path.posix.basename(target);
  for (const instr of [...chain].reverse()) {
    if (instr.keyword !== 'COPY' && instr.keyword !== 'ADD') continue;
    const words = instr.args.split(/\s+/).filter((w) => w !== '');
    if (words.some((w) => w.startsWith('--from'))) continue;
    const positional = words.filter((w) => !w.startsWith('--'));
    if (positional.length < 2) continue;
    const dest = positional[positional.length - 1];
    for (const src of positional.slice(0, -1)) {
      const srcBase = path.posix.basename(src);
      if (dest === target || (srcBase === base && (dest.endsWith('/') || path.posix.basename(dest) === base || dest === '.'))) {
        return src.replace(/^\.\//, '');
      }
    }
  }
  return undefined;
}
