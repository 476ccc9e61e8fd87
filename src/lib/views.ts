// The EJS view engine, registered with Express by createApp. ejs 7 ignores Express's `view options`,
// so the options are given here: with `cache` each template (and each partial it includes) is read
// and compiled once per process and then only run; without it every render reads the files again,
// so that a template edited in development shows on the next reload. `compileDebug` adds the
// template's source and line tracking to every compiled function: for development only.
import ejs, { type TemplateFunction } from 'ejs';
import { readFileSync } from 'node:fs';

export type ViewEngineOptions = { viewsDir: string; cache: boolean; compileDebug: boolean };

type Render = (path: string, data: object, done: (error: unknown, html?: string) => void) => void;

export function ejsEngine({ viewsDir, cache, compileDebug }: ViewEngineOptions): Render {
  const compiled = new Map<string, TemplateFunction>();
  const compile = (path: string) =>
    ejs.compile(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { filename: path, views: [viewsDir], cache, compileDebug });
  return (path, data, done) => {
    let html: string;
    try {
      let template = cache ? compiled.get(path) : undefined;
      if (!template) {
        template = compile(path);
        if (cache) compiled.set(path, template);
      }
      html = template(data as Record<string, unknown>);
    } catch (error) {
      return done(error);
    }
    done(null, html);
  };
}
