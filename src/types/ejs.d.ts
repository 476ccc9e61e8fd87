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
  const ejs: {
    compile(template: string, options?: Options): TemplateFunction;
    clearCache(): void;
  };
  export default ejs;
}
