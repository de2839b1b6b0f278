// Read an ini file the way Python's configparser does for supervisor, keeping every value's offsets so it can be spliced.

export interface IniEntry {
  /** Lower-cased, as configparser's optionxform does. */
  key: string;
  /** The value on its own line, inline comment and trailing blanks removed; continuation lines joined with a space. */
  value: string;
  /** 0-based line of the key. */
  line: number;
  /** Offsets of the key's line (start, and just after its line ending) and of its value on that line. */
  lineStart: number;
  lineEnd: number;
  valueStart: number;
  valueEnd: number;
  /** The raw `key=value` text, for evidence. */
  source: string;
}

export interface IniSection {
  /** As written between the brackets (`program:web`); section names are case-sensitive. */
  name: string;
  line: number;
  /** Offset just after the header's line ending: where a new key can be inserted. */
  headerEnd: number;
  entries: IniEntry[];
}

/** Sections in file order. Comments are lines starting with `;` or `#`, and inline ones after white space. */
export function parseIni(text: string): IniSection[] {
  const sections: IniSection[] = [];
  let current: IniSection | undefined;
  let last: IniEntry | undefined;
  let offset = 0;
  let line = 0;
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    const raw = text.slice(offset, lineEnd).replace(/\r?\n$/, '');
    const trimmed = raw.trim();
    const header = /^\[([^\]]+)\]/.exec(trimmed);
    if (trimmed === '' || trimmed.startsWith(';') || trimmed.startsWith('#')) {
      if (trimmed === '') last = undefined;
    } else if (header && raw[0] === '[') {
      current = { name: header[1].trim(), line, headerEnd: lineEnd, entries: [] };
      sections.push(current);
      last = undefined;
    } else if (/^[ \t]/.test(raw) && last) {
      last.value = `${last.value} ${stripComment(trimmed)}`.trim();
    } else if (current) {
      const sep = raw.search(/[=:]/);
      if (sep > 0) {
        let valueStart = sep + 1;
        while (valueStart < raw.length && /[ \t]/.test(raw[valueStart])) valueStart++;
        const value = stripComment(raw.slice(valueStart));
        last = {
          key: raw.slice(0, sep).trim().toLowerCase(),
          value,
          line,
          lineStart: offset,
          lineEnd,
          valueStart: offset + valueStart,
          valueEnd: offset + valueStart + value.length,
          source: `${raw.slice(0, sep).trim()}=${value}`,
        };
        current.entries.push(last);
      }
    }
    offset = lineEnd;
    line++;
  }
  return sections;
}

/** Drop an inline comment (`;` or `#` after white space) and trailing blanks. */
function stripComment(value: string): string {
  const m = /[ \t][;#]/.exec(value);
  return (m ? value.slice(0, m.index) : value).replace(/[ \t]+$/, '');
}
