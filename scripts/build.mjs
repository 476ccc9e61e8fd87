// npm run build: compiles src/ to dist/ for `npm start` (plain node, no tsx), and copies what the
// code reads beside itself (the migrations). Type-stripping only, file by file, with TypeScript's
// own transpiler: about a second. Type checking is `npm run typecheck`'s job (CI runs it).
// With --if-stale (npm's prestart) it does nothing when dist/ is newer than every file in src/.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.built');

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

function isStale(sources) {
  let built;
  try {
    built = statSync(STAMP).mtimeMs;
  } catch {
    return true;
  }
  const inputs = [...sources, join(ROOT, 'package.json'), fileURLToPath(import.meta.url)];
  return inputs.some((file) => statSync(file).mtimeMs > built);
}

// Type declarations (src/types) have no output; feature READMEs stay in src/.
const sources = filesUnder(SRC).filter((file) => !file.endsWith('.md') && !file.endsWith('.d.ts'));
if (process.argv.includes('--if-stale') && !isStale(sources)) process.exit(0);

const started = performance.now();
const { default: ts } = await import('typescript');
const compilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  verbatimModuleSyntax: true,
  rewriteRelativeImportExtensions: true,
  sourceMap: true,
};
rmSync(DIST, { recursive: true, force: true });
for (const file of sources) {
  const out = join(DIST, relative(SRC, file));
  mkdirSync(dirname(out), { recursive: true });
  if (!file.endsWith('.ts')) {
    cpSync(file, out);
    continue;
  }
  const js = out.replace(/\.ts$/, '.js');
  const result = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions, fileName: file, reportDiagnostics: true });
  if (result.diagnostics?.length) {
    console.error(ts.formatDiagnostics(result.diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' }));
    process.exit(1);
  }
  writeFileSync(js, result.outputText.replace(/\/\/# sourceMappingURL=.*$/m, `//# sourceMappingURL=${relative(dirname(js), js)}.map`));
  writeFileSync(`${js}.map`, result.sourceMapText.replace(/"sources":\["[^"]*"\]/, `"sources":["${relative(dirname(js), file)}"]`));
}
writeFileSync(STAMP, `${new Date().toISOString()}\n`);
console.log(`Built ${sources.length} files into dist/ in ${Math.round(performance.now() - started)} ms`);
