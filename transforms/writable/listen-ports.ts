// Detector: servers the container starts that listen on a port below 1024 (gunicorn -b :80, uwsgi http-socket=:80),
// read from the start commands and the config files they name: a risk, since that bind needs root outside Docker 20.10+.
import path from 'node:path';
import { LISTEN_SETTINGS } from '../../src/data/programs.js';
import { parseIni } from '../../src/ini.js';
import { copiedSource, startDir, startScripts, whereIs } from '../../src/scripts.js';
import type { Analysis, Detector, DetectorResult, Note } from '../../src/types.js';

export const name = 'listen-ports';
export const description = 'Servers started on a port below 1024 (gunicorn -b :80, uwsgi http-socket = :80): a risk, binding it as non-root fails outside Docker 20.10+';

const reasons = {
  port: (program: string, port: number, where: string) =>
    `${program} listens on port ${port} (${where}): fine under Docker 20.10+ (unprivileged ports start at 0 there), but elsewhere (podman without that sysctl, many Kubernetes runtimes) binding it as non-root fails with Permission denied; listen on ${8000 + port} and point the published port at it (compose ports, Kubernetes targetPort, fly internal_port)`,
};

export const listenPorts: Detector = {
  name,
  description,
  detect({ analysis }): DetectorResult {
    const notes: Note[] = [];
    const seen = new Set<string>();
    const cwd = startDir(analysis);
    for (const script of startScripts(analysis)) {
      for (const command of script.commands) {
        for (const found of listens(analysis, command.words, cwd)) {
          const where = found.where ?? whereIs(script, command);
          if (found.port >= 1024 || seen.has(`${found.program} ${where}`)) continue;
          seen.add(`${found.program} ${where}`);
          notes.push({ level: 'warn', risk: true, line: script.instr ? command.line : undefined, message: reasons.port(found.program, found.port, where) });
        }
      }
    }
    return { paths: [], notes };
  },
};

/** Ports a command's server listens on: from its flags, and from the config file it loads (`where` names that line). */
function listens(analysis: Analysis, words: string[], cwd: string): { program: string; port: number; where?: string }[] {
  const out: { program: string; port: number; where?: string }[] = [];
  for (const row of LISTEN_SETTINGS) {
    const at = words.findIndex((w) => path.posix.basename(w) === row.program);
    if (at < 0) continue;
    const args = words.slice(at + 1);
    let config: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const eq = args[i].startsWith('--') ? args[i].indexOf('=') : -1;
      const flag = eq > 0 ? args[i].slice(0, eq) : args[i];
      const value = eq > 0 ? args[i].slice(eq + 1) : args[i + 1];
      if (row.flags.includes(flag) && value !== undefined) {
        const port = portOf(value);
        if (port !== undefined) out.push({ program: row.program, port });
      } else if (row.config?.flags.includes(flag) && value !== undefined) config = value;
      else if (row.config?.positional?.test(args[i]) && !args[i].startsWith('-')) config = args[i];
    }
    if (!config || !row.config) continue;
    const rel = copiedSource(analysis, path.posix.resolve(cwd, config), analysis.text.length);
    const text = rel === undefined ? undefined : analysis.readContextFile(rel);
    if (text === undefined) continue;
    if (/\.ini$/.test(config)) {
      for (const entry of parseIni(text).flatMap((s) => (s.name === row.program ? s.entries : [])).filter((e) => row.config!.keys.includes(e.key))) {
        const port = portOf(entry.value);
        if (port !== undefined) out.push({ program: row.program, port, where: `${rel}:${entry.line + 1}` });
      }
    } else {
      text.split('\n').forEach((line, n) => {
        const m = /^([A-Za-z_]\w*)\s*=\s*(['"])([^'"\n]*)\2/.exec(line);
        const port = m && row.config!.keys.includes(m[1]) ? portOf(m[3]) : undefined;
        if (port !== undefined) out.push({ program: row.program, port, where: `${rel}:${n + 1}` });
      });
    }
  }
  return out;
}

/** The port of `:80`, `0.0.0.0:80`, `[::]:80` or `80`; undefined for a unix socket or anything else. */
function portOf(value: string): number | undefined {
  const m = /^(?:(?:\[[^\]]*\]|[^:/\s]*):)?(\d{1,5})$/.exec(value.trim());
  return m ? Number(m[1]) : undefined;
}
