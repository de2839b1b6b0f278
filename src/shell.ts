// Just enough shell reading to find the commands a RUN line runs.

/** Characters that end a run of plain word characters. */
const SPECIAL = /['"\\&|;\n() \t\r]/g;

/** Split a logical RUN line into simple commands (on && || ; | and new lines), each as words. */
export function splitCommands(script: string): string[][] {
  const commands: string[][] = [];
  scanCommands(script, (words) => commands.push(words));
  return commands;
}

/** What ends a simple command: a control operator, a new line, a parenthesis, or the end of the text (''). */
export type CommandEnd = '&&' | '||' | '|' | ';' | '&' | '\n' | '(' | ')' | '';

/** One simple command with the operator that ends it, to tell `a || true` and `a && b` from `a; b`. */
export interface ListedCommand {
  words: string[];
  end: CommandEnd;
}

/** Split a script into simple commands, each with the operator that ends it. */
export function listCommands(script: string): ListedCommand[] {
  const commands: ListedCommand[] = [];
  scanCommands(script, (words, end) => commands.push({ words, end }));
  return commands;
}

function scanCommands(script: string, emit: (words: string[], end: CommandEnd) => void): void {
  let words: string[] = [];
  // A word's pieces, joined when it ends: adding to a string piece by piece builds a rope that, on a
  // line of a megabyte or more, costs the garbage collector far more than the line is long.
  let pieces: string[] = [];
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(pieces.length === 1 ? pieces[0] : pieces.join(''));
    pieces = [];
    inWord = false;
  };
  const endCommand = (end: CommandEnd) => {
    endWord();
    if (words.length) emit(words, end);
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (c === "'") {
      const close = script.indexOf("'", i + 1);
      const stop = close < 0 ? script.length : close;
      pieces.push(script.slice(i + 1, stop));
      inWord = true;
      i = stop;
    } else if (c === '"') {
      let j = i + 1;
      let from = j;
      for (; j < script.length && script[j] !== '"'; j++) {
        // Inside double quotes a backslash escapes only $ ` " \ and a new line (POSIX): `\/` in a sed expression stays.
        if (script[j] === '\\' && j + 1 < script.length && '$`"\\\n'.includes(script[j + 1])) {
          pieces.push(script.slice(from, j));
          from = ++j;
          if (script[j] === '\n') from = j + 1;
        }
      }
      pieces.push(script.slice(from, j));
      inWord = true;
      i = j;
    } else if (c === '\\' && i + 1 < script.length) {
      if (script[i + 1] !== '\n') {
        pieces.push(script[i + 1]);
        inWord = true;
      }
      i++;
    } else if (c === '&' && ((inWord && script[i - 1] === '>') || script[i + 1] === '>')) {
      // `2>&1`, `>&2` and `&>file` are redirections, not a background `&`.
      pieces.push('&');
      inWord = true;
    } else if (c === '&' || c === '|') {
      const doubled = script[i + 1] === c;
      endCommand(doubled ? (c === '&' ? '&&' : '||') : c);
      if (doubled) i++;
    } else if (c === ';' || c === '\n' || c === '(' || c === ')') {
      endCommand(c);
    } else if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
    } else if (c === '#' && !inWord) {
      // A comment runs to the end of the line.
      const nl = script.indexOf('\n', i);
      i = nl < 0 ? script.length : nl - 1;
    } else {
      // Plain characters up to the next special one (a '#' inside a word is plain) make one piece.
      SPECIAL.lastIndex = i + 1;
      const next = SPECIAL.exec(script);
      const stop = next ? next.index : script.length;
      pieces.push(script.slice(i, stop));
      inWord = true;
      i = stop - 1;
    }
  }
  endCommand('');
}

/** Words that run the command after them: wrappers, and shell keywords a command can follow. */
const WRAPPERS = new Set(['sudo', 'exec', 'command', 'nice', 'nohup', 'time', 'then', 'do', 'else', '!', 'if', 'while']);

/** The program a command runs, past env assignments and wrappers such as `sudo` or `exec`. */
export function commandName(words: string[]): { name: string; index: number } | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || WRAPPERS.has(w)) continue;
    const slash = w.lastIndexOf('/');
    return { name: slash >= 0 ? w.slice(slash + 1) : w, index: i };
  }
  return undefined;
}
