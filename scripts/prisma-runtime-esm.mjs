// Runs after `prisma generate` (npm run db:generate): the generated clients import Prisma's runtime as
// "@prisma/client/runtime/client", which @prisma/client's exports send to its CommonJS build under Node
// (the "node" condition comes before "import"). Node then scans that 208 KB file for its export names at
// every start of every command (~60 ms of CPU, the largest single step of `floorready score` on an empty
// queue). The same package ships the same runtime as an ES module, runtime/client.mjs, reachable through its
// "./*" export: the generated files import that instead (ADR 0054). Plain JavaScript, so it runs wherever
// `prisma generate` does.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const GENERATED = fileURLToPath(new URL('../src/generated/', import.meta.url));
const FROM = '"@prisma/client/runtime/client"';
const TO = '"@prisma/client/runtime/client.mjs"';
/** Files that import the runtime's values (the others import only its types): each must have been rewritten. */
const VALUE_IMPORTERS = ['client.ts', 'internal/class.ts', 'internal/prismaNamespace.ts'];

const filesUnder = (folder) =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(folder, entry.name)) : entry.name.endsWith('.ts') ? [path.join(folder, entry.name)] : [],
  );

for (const provider of ['sqlite', 'postgres']) {
  const root = path.join(GENERATED, provider);
  let rewritten = 0;
  for (const file of filesUnder(root)) {
    const source = readFileSync(file, 'utf8');
    if (!source.includes(FROM)) continue;
    writeFileSync(file, source.replaceAll(FROM, TO));
    rewritten += 1;
  }
  for (const file of VALUE_IMPORTERS) {
    if (!readFileSync(path.join(root, file), 'utf8').includes(TO)) {
      // A Prisma upgrade changed what it generates: look at how it imports its runtime now.
      throw new Error(`prisma-runtime-esm: src/generated/${provider}/${file} does not import ${TO} (imports ${FROM} no more?)`);
    }
  }
  console.log(`prisma-runtime-esm: ${rewritten} files of src/generated/${provider} import the runtime as an ES module`);
}
