// The parse floor: find every Dockerfile under a folder, read it and parse it with dockerfile-ast, nothing else.
// With --write-back, also write each file back as `harden-dockerfile --write` does (a temp file beside it
// with the file's mode, then a rename), with one line added: what writing costs, with no hardening at all.
import fs from 'node:fs';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';

const NAME = /^(docker|container)file(\..+)?$|.\.(docker|container)file$/i;
const writeBack = process.argv[3] === '--write-back';
let instructions = 0;
for (const rel of fs.readdirSync(process.argv[2], { recursive: true })) {
  if (!NAME.test(path.basename(rel))) continue;
  const file = path.join(process.argv[2], rel);
  const text = fs.readFileSync(file, 'utf8');
  instructions += DockerfileParser.parse(text).getInstructions().length;
  if (writeBack) {
    const target = fs.realpathSync.native(file);
    const mode = fs.statSync(target).mode & 0o7777;
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.floor-${process.pid}.tmp`);
    fs.writeFileSync(temp, `${text}USER 1001\n`, { mode, flag: 'wx' });
    fs.chmodSync(temp, mode);
    fs.renameSync(temp, target);
  }
}
// Printed so the parse cannot be optimised away.
process.stdout.write(`${instructions}\n`);
