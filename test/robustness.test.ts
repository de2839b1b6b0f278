// Inputs the fuzz suite found, kept as cases, and size: work grows linearly with the file.
import { describe, expect, it } from '@jest/globals';
import { passwdLines } from '../src/accounts.js';
import { hardenText } from '../src/engine.js';
import { HardenError } from '../src/errors.js';
import { splitCommands } from '../src/shell.js';
import { defaultOptions, type Instr } from '../src/types.js';
import { substitute } from '../src/variables.js';

const harden = (text: string) => hardenText({ file: 'Dockerfile', text, options: { ...defaultOptions, comments: false } });

describe('refused because an inserted line would land inside a heredoc or continuation (found by fuzzing)', () => {
  const cases: [string, string, RegExp][] = [
    ['an unclosed heredoc', 'FROM python:3.12-alpine\nRUN <<EOF\n\nRUN apk add libpq\nCMD ["python"]\n', /line 2: heredoc <<EOF is never closed/],
    ['a heredoc marker on a continued line', 'FROM python:3.11-slim\nRUN pip install torch \\\nRUN <<EOF\nEOT\nCMD ["x"]\n', /heredoc <<EOF on a continued line/],
    ['a heredoc marker followed by the escape', 'FROM python:3.12-slim\nRUN <<EOF\\\nset -e\npip install requests\nEOF\nCMD ["python"]\n', /heredoc <<EOF on a continued line/],
    ['a heredoc name that is a path', 'FROM python:3.12-slim\nCOPY train.py <<-/opt/train.py\nCMD ["python"]\n', /line 2: an unusual '<<'/],
    ['a final continuation into nothing', 'FROM python:3.12-slim\nCOPY app.py /app.py \\\n', /line \d: the instruction ends with a line continuation/],
    ['a final continuation into a comment', 'FROM python:3.12-slim\nRUN pip install flask \\\n# comment', /ends with a line continuation/],
    ['a heredoc on a line continued through a blank line', 'FROM python:3.12-alpine\nRUN apk add libpq \\\n\nRUN <<EOF\necho hi\nEOT\nCMD ["python"]\n', /heredoc <<EOF on a continued line/],
    ['an escaped << on a continued line (the parser reads a heredoc that swallows CMD)', 'FROM debian:bookworm-slim\nRUN apt-get update \\\n    && apt-get install -y curl \\ \\<<-\n\n    && rm -rf /var/lib/apt/lists/*\nCMD ["sleep", "infinity"]\n', /line 2: an unusual '<<'/],
    ['an ONBUILD trigger continued onto a heredoc', 'FROM python:3.12-slim\nONBUILD COPY requirements.txt . \\\nRUN <<EOF\nEOT\nCMD ["python", "main.py"]\n', /line 2: heredoc <<EOF on a continued line/],
    ['a << that is not a plain marker', 'FROM amazonlinux:2023\nRUN dnf install -y python3.11 <<&& dnf clean all\nCMD ["python3.11"]\n', /line 2: an unusual '<<'/],
    ['a marker run into another <<', 'FROM python:3.12-slim\nCOPY <<EOF<< /app/main.py\nprint("hello")\nEOF\nCMD ["python", "/app/main.py"]\n', /line 2: an unusual '<<'/],
    ['a bare CR line ending', 'FROM python:3.12-slim\rCOPY lib /opt/lib\nCMD ["x"]\n', /line 1: a carriage return without a line feed/],
  ];
  it.each(cases)('%s', (_name, text, reason) => {
    expect(() => harden(text)).toThrow(HardenError);
    expect(() => harden(text)).toThrow(reason);
  });

  it('still hardens closed heredocs, <<- with tabs, quoted markers and two heredocs on one line', () => {
    const text = 'FROM debian:12\nRUN <<-"EOT" bash\n\techo hi\n\tEOT\nRUN cat <<A > /a && cat <<B > /b\n1\nA\n2\nB\nRUN echo "<<NOT a heredoc"\nCMD ["x"]\n';
    const own = harden(text).outputs[0];
    expect(own.after).toContain('USER 1001:1001\nCMD ["x"]\n');
    expect(harden(own.after).outputs).toEqual([]);
  });
});

/** Median of three timings, to keep one GC pause from deciding. */
function timed(f: () => void): number {
  const times = [0, 1, 2].map(() => {
    const start = process.hrtime.bigint();
    f();
    return Number(process.hrtime.bigint() - start);
  });
  return times.sort((a, b) => a - b)[1];
}

/**
 * time(4n) / time(n): about 4 when linear, 16 or more when quadratic. Load from parallel tests only
 * inflates a ratio, so the smallest of a few tries is the honest one.
 */
function growth(make: (n: number) => string, run: (s: string) => void, n: number, tries = 1): number {
  const small = make(n);
  const large = make(4 * n);
  run(small);
  let best = Infinity;
  for (let i = 0; i < tries; i++) best = Math.min(best, timed(() => run(large)) / timed(() => run(small)));
  return best;
}

describe('size', () => {
  const tryHarden = (text: string) => {
    try {
      harden(text);
    } catch (err) {
      if (!(err instanceof HardenError)) throw err;
    }
  };
  const lines = (n: number, line: (i: number) => string) => 'FROM debian:12\n' + Array.from({ length: n }, (_, i) => line(i)).join('\n') + '\nCMD ["x"]\n';

  it.each([
    ['RUN lines', (i: number) => `RUN echo ${i}`],
    ['ENV lines (each a new variable in scope)', (i: number) => `ENV V${i}=$V${i > 0 ? i - 1 : 0}`],
    ['stages', (i: number) => (i % 2 ? 'RUN x' : `FROM debian:12 AS s${i}`)],
    ['comment blocks that look like directives', (i: number) => (i % 2 ? 'RUN x' : '# syntax=x')],
  ])('a file of %s grows linearly (2,000 → 8,000 lines)', (_name, line) => {
    expect(growth((n) => lines(n, line), tryHarden, 2000)).toBeLessThan(10);
  }, 120000);

  it('one instruction continued over many lines grows linearly (2,000 → 8,000 lines)', () => {
    const make = (n: number) => 'FROM debian:12\nRUN echo \\\n' + Array.from({ length: n }, (_, i) => `  a${i} \\`).join('\n') + '\n  end\nCMD ["x"]\n';
    expect(growth(make, tryHarden, 2000)).toBeLessThan(10);
  }, 120000);

  it('a 40,000-line file with ENV, RUN, comments and stages is hardened', () => {
    const text = lines(40000, (i) => [`ENV V${i}=$V${i - 1}`, `RUN echo ${i}`, '# note', i % 100 ? 'WORKDIR /w' : `FROM debian:12 AS s${i}`][i % 4]);
    expect(harden(text).outputs[0].after).toContain('USER 1001:1001');
  }, 120000);

  // The regexes and scanners that read instruction text, on single lines of 1 MB and more.
  const MB = 1 << 20;
  it.each([
    ['${a:- repeated', '${a:-'],
    ['$ repeated', '$'],
    ['${ repeated', '${'],
  ])('variable substitution on a 1-4 MB line of %s is linear', (_name, unit) => {
    const make = (n: number) => unit.repeat(Math.ceil(n / unit.length));
    expect(growth(make, (s) => substitute(s, new Map([['a', '1']])), MB, 3)).toBeLessThan(10);
  });

  it.each([
    ['name characters', 'a'],
    ['name characters and colons', 'a:'],
    ['digits and colons', '1:'],
  ])('/etc/passwd lines on a 1-4 MB line of %s are linear', (_name, unit) => {
    const make = (n: number) => 'echo /etc/passwd /etc/group ' + unit.repeat(Math.ceil(n / unit.length));
    expect(growth(make, (s) => passwdLines(s, {} as Instr), MB, 3)).toBeLessThan(10);
  });

  it.each([
    ['words', 'x '],
    ['unclosed quotes', '"\''],
    ['comments', '#'],
  ])('splitting commands on a 1-4 MB line of %s is linear', (_name, unit) => {
    const make = (n: number) => unit.repeat(Math.ceil(n / unit.length));
    expect(growth(make, (s) => splitCommands(s), MB / 2, 3)).toBeLessThan(10);
  });

  it('a 1 MB RUN line is hardened', () => {
    const text = 'FROM debian:12\nRUN echo ' + 'x'.repeat(MB) + '\nCMD ["x"]\n';
    expect(harden(text).outputs[0].after).toContain('USER 1001:1001');
  }, 120000);
});
