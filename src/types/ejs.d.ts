// The part of ejs 7's API src/lib/views.ts uses (ejs ships no type declarations).
declare module 'ejs' {
  export type Options = {
    filename?: string;
    views?: string[];
    cache?: boolean;
    compileDebug?: boolean;
    strict?: boolean;
    _with?: boolean;
    destructuredLocals?: string[];
  };
  export type TemplateFunction = (data: Record<string, unknown>) => string;
  /** The compiler: generateSource() fills `source` with the template's output statements (calls to `__append` and `escapeFn`). */
  export class Template {
    constructor(text: string, options?: Options);
    generateSource(): void;
    source: string;
  }
  const ejs: {
    compile(template: string, options?: Options): TemplateFunction;
    clearCache(): void;
    Template: typeof Template;
  };
  export default ejs;
}
