// What the layout reader needs of sed: the in-place expressions of a RUN line, applied line by line as sed applies them.
import { describe, expect, it } from '@jest/globals';
import { applySubstitutions, readSedWords } from '../src/sed.js';
import { splitCommands } from '../src/shell.js';

describe('sed in place', () => {
  it('reads -e expressions and the files of a sed -i written in double quotes', () => {
    const [words] = splitCommands(`sed -i -e "s/listen = 127.0.0.1:9000/listen = \\/var\\/run\\/php-fpm.sock/g" -e "s/a\\s*b/c/" /etc/www.conf`);
    expect(readSedWords(words.slice(1))).toEqual({ expressions: ['s/listen = 127.0.0.1:9000/listen = \\/var\\/run\\/php-fpm.sock/g', 's/a\\s*b/c/'], files: ['/etc/www.conf'], extended: false });
  });

  it('leaves a sed that does not edit in place', () => {
    expect(readSedWords(['-n', 's/a/b/p', 'file'])).toBeUndefined();
  });

  it('applies the expressions to each line in order, as sed does', () => {
    const pool = ['listen = 127.0.0.1:9000', ';listen.owner = www-data', ';listen.group = www-data'].join('\n');
    const expressions = [
      's/group = www-data/group = nginx/g',
      's/;listen.owner = www-data/listen.owner = nginx/g',
      's/;listen.group = www-data/listen.group = nginx/g',
      's/listen = 127.0.0.1:9000/listen = \\/var\\/run\\/php-fpm.sock/g',
    ];
    const after = applySubstitutions(pool, [{ expressions }]);
    // The first expression already rewrote the listen.group line, so the third no longer matches it.
    expect(after.split('\n')).toEqual(['listen = /var/run/php-fpm.sock', 'listen.owner = nginx', ';listen.group = nginx']);
  });

  it('reads POSIX classes, groups, & and another delimiter', () => {
    expect(applySubstitutions('  listen.owner = x', [{ expressions: ['s/^[[:space:]]*listen\\.owner[[:space:]]*=/;&/'] }])).toBe(';  listen.owner = x');
    expect(applySubstitutions('listen = /run/a.sock', [{ expressions: ['s#^\\(listen[[:space:]]*=[[:space:]]*\\)/run/a\\.sock[[:space:]]*$#\\1/run/x/a.sock#'] }])).toBe('listen = /run/x/a.sock');
    expect(applySubstitutions('a(b)', [{ expressions: ['s/(b)/[c]/'] }])).toBe('a[c]');
  });

  it('reads -E expressions as extended', () => {
    const [words] = splitCommands(`sed -Ei 's/^(listen)[[:space:]]*=.*/\\1 = \\/run\\/x.sock/' www.conf`);
    const sed = readSedWords(words.slice(1));
    expect(sed?.extended).toBe(true);
    expect(applySubstitutions('listen = 9000', sed ? [sed] : [])).toBe('listen = /run/x.sock');
  });

  it('skips commands other than s', () => {
    expect(applySubstitutions('pid /run/x.pid;', [{ expressions: ['/^pid/d', '1i pid /tmp/x.pid;'] }])).toBe('pid /run/x.pid;');
  });
});
