// Dependency rules of Skylark Air (docs/architecture.md, "Dependencies point one way"), checked by
// `npm run lint:deps`: app shell → features → lib/db, no cycles between files or feature folders,
// route files imported by the route table alone. Type-only imports count: a type import is still a
// dependency a reader has to follow.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files must not import each other in a circle, directly or through others.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-feature-folder-cycles',
      severity: 'error',
      scope: 'folder',
      comment: 'Feature folders depend on each other one way: if features/a imports features/b, nothing in b imports a.',
      from: { path: '^src/features/[^/]+/?$' },
      to: { path: '^src/features/[^/]+/?$', circular: true },
    },
    {
      name: 'no-route-file-imports',
      severity: 'error',
      comment:
        'A *.routes.ts file holds HTTP handlers: only the route table (src/routes.ts) imports it. Domain code, the API and ' +
        'other handlers import the domain module the handler calls instead.',
      from: { path: '^src/', pathNot: '^src/routes\\.ts$' },
      to: { path: '\\.routes\\.ts$' },
    },
    {
      name: 'no-shell-imports',
      severity: 'error',
      comment:
        'The app shell (src/app.ts, src/routes.ts, src/server.ts, src/cli/) assembles the features; features, lib and db ' +
        'never import it (shared types such as AppDeps live in src/lib/).',
      from: { path: '^src/(features|lib|db)/' },
      to: { path: '^src/((app|routes|server)\\.ts$|cli/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
