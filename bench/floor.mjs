// The parse floor: find every Dockerfile under a folder, read it and parse it with dockerfile-ast, nothing else.
import fs from 'node:fs';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';

const NAME = /^(docker|container)file(\..+)?$|.\.(docker|container)file$/i;
let instructions = 0;
for (const rel of fs.readdirSync(process.argv[2], { recursive: true })) {
  if (!NAME.test(path.basename(rel))) continue;
  const text = fs.readFileSync(path.join(process.argv[2], rel), 'utf8');
  instructions += DockerfileParser.parse(text).getInstructions().length;
}
// Printed so the parse cannot be optimised away.
process.stdout.write(`${instructions}\n`);
