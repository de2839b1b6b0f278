// Find the users and groups that the runtime stages create, so none is created twice.
import { commandName, splitCommands } from './shell.js';
import type { Analysis, DeclaredAccount, Instr } from './types.js';

/** Options of each command that take a value (short and long spellings). */
const VALUE_OPTIONS: Record<DeclaredAccount['command'], Set<string>> = {
  useradd: new Set(['-u', '--uid', '-g', '--gid', '-G', '--groups', '-s', '--shell', '-d', '--home-dir', '--home', '-c', '--comment', '-k', '--skel', '-e', '--expiredate', '-f', '--inactive', '-K', '--key', '-p', '--password', '-b', '--base-dir', '-R', '--root', '-P', '--prefix', '-Z', '--selinux-user']),
  groupadd: new Set(['-g', '--gid', '-K', '--key', '-p', '--password', '-R', '--root', '-P', '--prefix', '-U', '--users']),
  // Debian's adduser (long options) and busybox's (short options) share the name.
  adduser: new Set(['-h', '-g', '-s', '-G', '-u', '-k', '--uid', '--gid', '--ingroup', '--home', '--shell', '--gecos', '--comment', '--firstuid', '--lastuid', '--firstgid', '--lastgid', '--conf', '--add-extra-groups']),
  addgroup: new Set(['-g', '--gid', '--conf', '--firstgid', '--lastgid']),
  'passwd-file': new Set(),
};

export function findAccounts(analysis: Analysis): DeclaredAccount[] {
  const accounts: DeclaredAccount[] = [];
  for (const stage of analysis.runtimeChain) {
    for (const instr of stage.instructions) {
      if (instr.keyword !== 'RUN') continue;
      accounts.push(...accountsOfRun(analysis, instr));
    }
  }
  return accounts;
}

function accountsOfRun(analysis: Analysis, instr: Instr): DeclaredAccount[] {
  const found: DeclaredAccount[] = [];
  const script = analysis.resolve(instr.args, instr);
  const occurrences = new Map<string, number>();
  for (const words of splitCommands(script)) {
    const cmd = commandName(words);
    if (!cmd) continue;
    const name = cmd.name as DeclaredAccount['command'];
    if (!(name in VALUE_OPTIONS) || name === 'passwd-file') continue;
    const nth = occurrences.get(name) ?? 0;
    occurrences.set(name, nth + 1);
    const account = parseAccountCommand(name, words.slice(cmd.index + 1));
    if (!account) continue;
    found.push({ ...account, instr, command: name, commandEnd: commandEndOffset(analysis.text, instr, name, nth) });
  }
  found.push(...passwdLines(script, instr));
  return found;
}

type Parsed = Pick<DeclaredAccount, 'kind' | 'name' | 'id' | 'group' | 'busyboxSyntax'>;

function parseAccountCommand(command: DeclaredAccount['command'], args: string[]): Parsed | undefined {
  const takesValue = VALUE_OPTIONS[command];
  const opts = new Map<string, string>();
  const positional: string[] = [];
  let busybox = false;
  for (let i = 0; i < args.length; i++) {
    let arg = args[i];
    let value: string | undefined;
    if (arg.startsWith('--') && arg.includes('=')) {
      value = arg.slice(arg.indexOf('=') + 1);
      arg = arg.slice(0, arg.indexOf('='));
    } else if (/^-[A-Za-z]$/.test(arg) || arg.startsWith('--')) {
      if (takesValue.has(arg)) value = args[++i];
    } else if (/^-[A-Za-z]{2,}$/.test(arg)) {
      // Bundled short flags (-SD); the last one may take the next word.
      const last = `-${arg[arg.length - 1]}`;
      for (const ch of arg.slice(1)) opts.set(`-${ch}`, '');
      if (takesValue.has(last)) opts.set(last, args[++i] ?? '');
      if (command === 'adduser' || command === 'addgroup') busybox = true;
      continue;
    } else {
      positional.push(arg);
      continue;
    }
    opts.set(arg, value ?? '');
    if ((command === 'adduser' || command === 'addgroup') && /^-[A-Za-z]$/.test(arg)) busybox = true;
  }
  const num = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);
  // `adduser user group` / `addgroup user group` add a user to a group: they create nothing.
  if ((command === 'adduser' || command === 'addgroup') && positional.length >= 2) return undefined;
  const name = positional[0];
  if (name === undefined) return undefined;
  switch (command) {
    case 'useradd':
      return { kind: 'user', name, id: num(opts.get('-u') ?? opts.get('--uid')), group: opts.get('-g') ?? opts.get('--gid'), busyboxSyntax: false };
    case 'groupadd':
      return { kind: 'group', name, id: num(opts.get('-g') ?? opts.get('--gid')), busyboxSyntax: false };
    case 'adduser':
      if (busybox) return { kind: 'user', name, id: num(opts.get('-u')), group: opts.get('-G'), busyboxSyntax: true };
      if (opts.has('--group') && opts.has('--system') === false && !opts.has('--uid')) {
        // Debian: `adduser --group name` is addgroup.
        return { kind: 'group', name, id: num(opts.get('--gid')), busyboxSyntax: false };
      }
      return { kind: 'user', name, id: num(opts.get('--uid')), group: opts.get('--gid') ?? opts.get('--ingroup'), busyboxSyntax: false };
    case 'addgroup':
      return { kind: 'group', name, id: num(opts.get('-g') ?? opts.get('--gid')), busyboxSyntax: busybox };
    default:
      return undefined;
  }
}

/**
 * `echo 'app:x:1001:1001::/app:/bin/sh' >> /etc/passwd` and the same for /etc/group. A name only
 * starts after a non-name character, so a long run of name characters is scanned once, not per offset.
 */
export function passwdLines(script: string, instr: Instr): DeclaredAccount[] {
  const found: DeclaredAccount[] = [];
  if (script.includes('/etc/passwd')) {
    for (const m of script.matchAll(/(?<![a-z0-9_.$-])([a-z_][a-z0-9_.-]*\$?):[^:\s'"]*:(\d+):(\d+):/gi)) {
      found.push({ kind: 'user', name: m[1], id: Number(m[2]), group: m[3], instr, command: 'passwd-file', commandEnd: -1, busyboxSyntax: false });
    }
  }
  if (script.includes('/etc/group')) {
    for (const m of script.matchAll(/(?<![a-z0-9_.$-])([a-z_][a-z0-9_.-]*\$?):[^:\s'"]*:(\d+):(?![\d])/gi)) {
      found.push({ kind: 'group', name: m[1], id: Number(m[2]), instr, command: 'passwd-file', commandEnd: -1, busyboxSyntax: false });
    }
  }
  return found;
}

/** Offset just after the nth occurrence of the command word inside the instruction's text. */
function commandEndOffset(text: string, instr: Instr, word: string, nth: number): number {
  const body = text.slice(instr.start, instr.end);
  const re = new RegExp(`(^|[\\s/;&|(])${word}(?=\\s)`, 'g');
  let count = 0;
  for (const m of body.matchAll(re)) {
    if (count++ === nth) return instr.start + (m.index ?? 0) + m[0].length;
  }
  return -1;
}
