// The engine refuses an output that no longer parses the same, checking only the instructions around each edit.
import { describe, expect, it } from '@jest/globals';
import { hardenText } from '../src/engine.js';
import { defaultOptions, type Pass } from '../src/types.js';

const dockerfile = ['FROM debian:bookworm-slim', 'RUN apt-get update', 'COPY app /app', '# start the app', 'CMD ["/app/run"]', ''].join('\n');

/** A pass that inserts `text` at the start of the line holding `before`. */
function inserting(text: string, before: string): Pass {
  return {
    name: 'test-insert',
    description: 'inserts a fixed text',
    run: () => {
      const offset = dockerfile.indexOf(before);
      return { edits: [{ start: offset, end: offset, text, reason: 'test' }] };
    },
  };
}

const harden = (pass: Pass, text = dockerfile) => () => hardenText({ file: 'Dockerfile', text, options: defaultOptions, passes: [pass] });

describe('output check', () => {
  it('accepts a whole inserted instruction', () => {
    const result = harden(inserting('USER 1001:1001\n', '# start'))();
    expect(result.outputs[0].after).toContain('USER 1001:1001\n# start');
  });

  it('refuses a line whose continuation swallows the next instruction', () => {
    expect(harden(inserting('RUN echo \\\n', 'COPY app'))).toThrow(/would not parse.*line 3 no longer reads as before/);
  });

  it('refuses an unknown instruction', () => {
    expect(harden(inserting('BOGUS x\n', 'COPY app'))).toThrow(/would not parse.*unknown instruction 'BOGUS'/);
  });

  it('refuses an added stage', () => {
    expect(harden(inserting('FROM alpine\n', 'CMD'))).toThrow(/would not parse.*1 FROM instead of 0/);
  });

  it('refuses an unclosed heredoc at the end of the file', () => {
    expect(harden(inserting('RUN <<EOF\necho\n', 'CMD'))).toThrow(/would not parse/);
  });

  it('reads a backtick-escaped file with its own escape character', () => {
    const text = ['# escape=`', 'FROM debian:bookworm-slim', 'RUN apt-get update && `', '    apt-get install -y curl', 'CMD ["/app/run"]', ''].join('\n');
    const swallow: Pass = { ...inserting('', ''), run: () => ({ edits: [{ start: text.indexOf('CMD'), end: text.indexOf('CMD'), text: 'RUN echo `\n', reason: 'test' }] }) };
    expect(harden(swallow, text)).toThrow(/no longer reads as before|would not parse/);
  });
});
