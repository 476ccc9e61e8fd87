// The EJS view engine, registered with Express by createApp (ejs 7 ignores Express's `view options`,
// so every option is given here).
//
// Templates run without `with (locals)`: EJS's default wraps each template in a `with` block, where
// every name (even `__append` and `escapeFn`, called for each piece of output) is first looked up on
// the locals object at run time. Here each template is compiled with `_with: false` and the names of
// the locals it is given declared up front (`destructuredLocals`), so they are plain variables. Those
// names are only known once the data is there, so a template is compiled per set of local names it is
// rendered with (a page and its partials meet only a few), and `include` is ours: a partial gets the
// includer's locals plus its own (as in EJS) and is compiled for that set of names. Includes are
// resolved once per including file (EJS checks the disk on every include).
//
// With `cache` (production) each file is read once and each compiled function kept for the life of
// the process; without it every render reads the files again, so that a template edited in
// development shows on the next reload. `compileDebug` (development and tests) adds line tracking:
// an error names the template, its line and the lines around it.
import ejs from 'ejs';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';

export type ViewEngineOptions = { viewsDir: string; cache: boolean; compileDebug: boolean };

type Render = (path: string, data: object, done: (error: unknown, html?: string) => void) => void;
type Locals = Record<string, unknown>;
type Include = (path: string, data?: Locals) => string;
type Compiled = (locals: Locals, escapeFn: (value: unknown) => string, include: Include) => string;

const IDENTIFIER = /^[a-zA-Z_$][0-9a-zA-Z_$]*$/;
/** Names the compiled function already declares: never destructured from the locals. */
const RESERVED = new Set(['locals', 'escapeFn', 'include', '__output', '__append', '__line', '__locals', 'arguments', 'eval']);

const HTML_SPECIAL = /[&<>'"]/;
const HTML_SPECIALS = /[&<>'"]/g;
const HTML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

/** What `<%= %>` writes: EJS's escaping (same entities), without a replace when nothing needs escaping. */
export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return HTML_SPECIAL.test(text) ? text.replace(HTML_SPECIALS, (c) => HTML_ENTITY[c]!) : text;
}

/** The body EJS generates for a template (its output statements), without EJS's `with` wrapper or runtime. */
function templateBody(text: string, filename: string, compileDebug: boolean): string {
  const template = new ejs.Template(text, { filename, compileDebug, _with: false });
  template.generateSource();
  return template.source;
}

function compileTemplate(text: string, filename: string, names: readonly string[], compileDebug: boolean): Compiled {
  const declared = names.filter((name) => IDENTIFIER.test(name) && !RESERVED.has(name));
  const body = templateBody(text, filename, compileDebug);
  // The body goes in a block of its own: a template may declare a name (`<% const view = … %>`) that is also a local.
  const prelude = [
    'let __output = "";',
    'function __append(s) { if (s !== undefined && s !== null) __output += s; }',
    declared.length ? `let ${declared.map((name) => `${name} = locals.${name}`).join(', ')};` : '',
  ].join('\n');
  const source = compileDebug
    ? `${prelude}\nlet __line = 1;\ntry {\n{\n${body}\n}\n} catch (error) {\n  throw __rethrow(error, __line);\n}\nreturn __output;\n//# sourceURL=${filename}`
    : `${prelude}\n{\n${body}\n}\nreturn __output;`;
  try {
    if (!compileDebug) return new Function('locals', 'escapeFn', 'include', source) as Compiled;
    const lines = text.split('\n');
    const make = new Function('__rethrow', `return function (locals, escapeFn, include) {\n${source}\n};`) as (rethrow: unknown) => Compiled;
    return make((error: unknown, line: number) => withTemplateLine(error, filename, lines, line));
  } catch (error) {
    if (error instanceof SyntaxError) error.message += ` in ${filename} while compiling ejs`;
    throw error;
  }
}

/** EJS's error in development: the file and line, and three lines either side, the failing one marked. */
function withTemplateLine(error: unknown, filename: string, lines: readonly string[], line: number): unknown {
  if (!(error instanceof Error)) return error;
  const start = Math.max(line - 3, 0);
  const context = lines
    .slice(start, Math.min(lines.length, line + 3))
    .map((text, i) => `${i + start + 1 === line ? ' >> ' : '    '}${i + start + 1}| ${text}`)
    .join('\n');
  error.message = `${filename}:${line}\n${context}\n\n${error.message}`;
  return error;
}

export function ejsEngine({ viewsDir, cache, compileDebug }: ViewEngineOptions): Render {
  const texts = new Map<string, string>();
  const compiled = new Map<string, Compiled>();
  const included = new Map<string, string>();

  const read = (file: string) => {
    let text = cache ? texts.get(file) : undefined;
    if (text === undefined) {
      text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      if (cache) texts.set(file, text);
    }
    return text;
  };

  /** The file an `include('../partials/head')` in `from` names: beside `from` first, then under the views folder (as EJS). */
  const resolveInclude = (from: string, path: string) => {
    const key = `${from}\n${path}`;
    let file = cache ? included.get(key) : undefined;
    if (!file) {
      const named = extname(path) ? path : `${path}.ejs`;
      const beside = resolve(dirname(from), named);
      file = existsSync(beside) ? beside : resolve(viewsDir, named);
      if (cache) included.set(key, file);
    }
    return file;
  };

  const run = (file: string, locals: Locals): string => {
    const names = Object.keys(locals);
    const key = `${file}\n${names.join(',')}`;
    let template = cache ? compiled.get(key) : undefined;
    if (!template) {
      template = compileTemplate(read(file), file, names, compileDebug);
      if (cache) compiled.set(key, template);
    }
    const include: Include = (path, data) => run(resolveInclude(file, path), data ? { ...locals, ...data } : locals);
    return template(locals, escapeHtml, include);
  };

  return (path, data, done) => {
    let html: string;
    try {
      html = run(path, data as Locals);
    } catch (error) {
      return done(error);
    }
    done(null, html);
  };
}
