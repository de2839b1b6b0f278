// Colour for the diff on a terminal: --color auto|always|never, and NO_COLOR (no-color.org) in auto mode.
export type ColorMode = 'auto' | 'always' | 'never';

export function useColor(mode: ColorMode, isTTY: boolean, env: Record<string, string | undefined>): boolean {
  if (mode !== 'auto') return mode === 'always';
  // no-color.org: set and not empty disables colour.
  if (env.NO_COLOR) return false;
  return isTTY && env.TERM !== 'dumb';
}

const RESET = '\u001b[0m';
const STYLES = { header: '\u001b[1m', hunk: '\u001b[36m', added: '\u001b[32m', removed: '\u001b[31m' };

/** Colour a unified diff line by line; the text between the codes is unchanged. */
export function colorDiff(diff: string): string {
  return diff.replace(/^.*$/gm, (line) => {
    const style = /^(---|\+\+\+|===)/.test(line) ? STYLES.header : line.startsWith('@@') ? STYLES.hunk : line.startsWith('+') ? STYLES.added : line.startsWith('-') ? STYLES.removed : undefined;
    return style && line.length > 0 ? `${style}${line.replace(/\r$/, '')}${RESET}${line.endsWith('\r') ? '\r' : ''}` : line;
  });
}
