// Docker's variable substitution for ARG / ENV values: $VAR, ${VAR}, ${VAR:-default}, ${VAR:+alt}.

// A default stops at the next `$` so nested variables resolve inside out and a run of `${a:-` is scanned once.
const pattern = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}$]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Substitute the variables of `text` from `vars`, repeatedly (a value may name another variable).
 * Unknown variables are kept as written so callers can tell the value is not known.
 */
/** Where variable values come from: a Map, or a lookup into a scope. */
export interface VariableLookup {
  get(name: string): string | undefined;
}

export function substitute(text: string, vars: VariableLookup, depth = 4): string {
  let out = text;
  for (let round = 0; round < depth && out.includes('$'); round++) {
    const next = out.replace(pattern, (whole, braced: string | undefined, op: string | undefined, word: string | undefined, plain: string | undefined) => {
      const name = braced ?? plain ?? '';
      const value = vars.get(name);
      if (op === ':-' || op === '-') return value !== undefined && (op === '-' || value !== '') ? value : word ?? '';
      if (op === ':+' || op === '+') return value !== undefined && (op === '+' || value !== '') ? word ?? '' : '';
      return value ?? whole;
    });
    if (next === out) break;
    out = next;
  }
  return out;
}

/** Remove one level of matching quotes around a value. */
export function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) {
    return value.slice(1, -1);
  }
  return value;
}

export function hasUnresolved(text: string): boolean {
  return /\$\{?[A-Za-z_]/.test(text);
}
