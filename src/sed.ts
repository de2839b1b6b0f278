// Just enough sed to know what a Dockerfile's own `sed -i 's/…/…/'` lines leave in a config file.

/** One `sed -i` command: its expressions in order and the files it edits in place. */
export interface SedEdit {
  expressions: string[];
  files: string[];
  /** -E / -r: the expressions are extended regular expressions. */
  extended: boolean;
}

/** Options of GNU sed that take a value as the next word. */
const VALUE_OPTIONS = new Set(['-e', '--expression', '-f', '--file', '-l', '--line-length']);

/** The in-place edits of a sed command's words (after the command name); undefined when it does not edit in place. */
export function readSedWords(words: string[]): SedEdit | undefined {
  const expressions: string[] = [];
  const rest: string[] = [];
  let inPlace = false;
  let extended = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '-e' || w === '--expression') expressions.push(words[++i] ?? '');
    else if (w.startsWith('--expression=')) expressions.push(w.slice('--expression='.length));
    else if (/^-i|^--in-place/.test(w)) inPlace = true;
    else if (w === '--regexp-extended') extended = true;
    else if (VALUE_OPTIONS.has(w)) i++;
    else if (/^-[a-zA-Z]+$/.test(w)) {
      inPlace ||= w.includes('i');
      extended ||= /[Er]/.test(w);
    }
    else rest.push(w);
  }
  if (!inPlace) return undefined;
  // Without -e the first plain word is the script.
  if (expressions.length === 0 && rest.length > 0) expressions.push(rest.shift() ?? '');
  return { expressions, files: rest, extended };
}

interface Substitution {
  pattern: RegExp;
  replacement: string;
}

/** A sed `s` command (no address) as a JS pattern and replacement; undefined for anything else. */
function parseSubstitution(expression: string, extended = false): Substitution | undefined {
  const expr = expression.trim();
  if (expr[0] !== 's' || expr.length < 4) return undefined;
  const delim = expr[1];
  if (/[\s\\\n]/.test(delim)) return undefined;
  const parts: string[] = [];
  let current = '';
  let i = 2;
  for (; i < expr.length && parts.length < 2; i++) {
    const c = expr[i];
    if (c === '\\' && i + 1 < expr.length) {
      // An escaped delimiter is the character itself; any other escape stays for the regex or replacement to read.
      current += expr[i + 1] === delim ? (delim === '/' || delim === '&' ? `\\${delim}` : delim) : c + expr[i + 1];
      i++;
    } else if (c === delim) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  if (parts.length < 2) return undefined;
  const flags = expr.slice(i).trim();
  if (!/^[gIi0-9]*$/.test(flags)) return undefined;
  try {
    const pattern = new RegExp(extended ? parts[0].replace(/\[\[:(\w+):\]\]/g, (_, cls: string) => `[${POSIX_CLASSES[cls] ?? ''}]`) : basicToJs(parts[0]), `m${flags.includes('g') ? 'g' : ''}${/[Ii]/.test(flags) ? 'i' : ''}`);
    return { pattern, replacement: replacementToJs(parts[1]) };
  } catch {
    return undefined;
  }
}

/** GNU basic regular expression to JS: `\(` `\)` `\{` `\}` `\+` `\?` `\|` are the operators, the bare ones are literal. */
function basicToJs(bre: string): string {
  let out = '';
  for (let i = 0; i < bre.length; i++) {
    const c = bre[i];
    if (c === '\\' && i + 1 < bre.length) {
      const n = bre[++i];
      out += '(){}+?|'.includes(n) ? n : n === '/' ? '\\/' : `\\${n}`;
    } else if (c === '[') {
      const close = bracketEnd(bre, i);
      out += bre.slice(i, close + 1).replace(/\[:(\w+):\]/g, (_, cls: string) => POSIX_CLASSES[cls] ?? '');
      i = close;
    } else if ('(){}+?|'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

const POSIX_CLASSES: Record<string, string> = { space: '\\s', blank: ' \\t', digit: '0-9', alpha: 'A-Za-z', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z' };

/** Index of the `]` closing the bracket expression that opens at `start`. */
function bracketEnd(text: string, start: number): number {
  let i = start + 1;
  if (text[i] === '^') i++;
  if (text[i] === ']') i++;
  for (; i < text.length; i++) {
    if (text[i] === '[' && text[i + 1] === ':') {
      const end = text.indexOf(':]', i + 2);
      if (end > 0) i = end + 1;
    } else if (text[i] === ']') return i;
  }
  return text.length - 1;
}

/** sed replacement to a JS one: `&` is the match, `\1` a group, `\&` a literal ampersand. */
function replacementToJs(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === '\\' && i + 1 < replacement.length) {
      const n = replacement[++i];
      out += /[1-9]/.test(n) ? `$${n}` : n === 'n' ? '\n' : n === 't' ? '\t' : n === '$' ? '$$' : n;
    } else if (c === '&') out += '$&';
    else if (c === '$') out += '$$';
    else out += c;
  }
  return out;
}

/** The text after the `s` commands of these seds, line by line as sed runs them; other commands are left out. */
export function applySubstitutions(text: string, seds: { expressions: string[]; extended?: boolean }[]): string {
  const subs = seds.flatMap((s) => s.expressions.map((e) => parseSubstitution(e, s.extended))).filter((s): s is Substitution => s !== undefined);
  return text
    .split('\n')
    .map((line) => subs.reduce((l, s) => l.replace(s.pattern, s.replacement), line))
    .join('\n');
}
