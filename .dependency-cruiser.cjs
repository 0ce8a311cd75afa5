// The layers of DESIGN.md, checked on every test run (test/architecture.test.ts): dependencies point one way.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes two files one: neither can be read, tested or replaced alone.',
      severity: 'error',
      from: { path: '^(plugin|ui/src)/' },
      // a cycle only through type imports is no cycle at run time
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'core-is-pure',
      comment: 'plugin/core decides; it reads no files, clock, network or environment, and knows no framework.',
      severity: 'error',
      from: { path: '^plugin/core/' },
      to: { pathNot: ['^plugin/core/', '^schemas/', '^node_modules/(ajv|ajv-formats|ajv-i18n|re2js)/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'runtime-through-ports',
      comment: 'plugin/runtime reaches stores, rule engines, notifiers and HTTP only through the ports it declares.',
      severity: 'error',
      from: { path: '^plugin/runtime/' },
      to: { path: ['^plugin/adapters/', '^plugin/host/', '^plugin/(server|cli|index)\\.ts$', '^node_modules/(express|pg|lowdb|json-rules-engine|pino)'] },
    },
    {
      name: 'adapters-not-hosts',
      comment: 'Adapters serve the runtime; the hosts (server, CLI, index) put them together, never the other way.',
      severity: 'error',
      from: { path: '^plugin/adapters/' },
      to: { path: ['^plugin/host/', '^plugin/(server|cli|index)\\.ts$', '^plugin/cli/'] },
    },
    {
      name: 'ui-takes-only-types-from-the-plugin',
      comment:
        'The web app talks to the server over HTTP; from the plugin it borrows types, never code, except the one ' +
        'regular-expression engine both validators must run (so the browser and the server agree on every pattern) ' +
        'and the money arithmetic both count with (so a line or a total shows the cent the server books).',
      severity: 'error',
      from: { path: '^ui/src/' },
      to: { path: '^plugin/', pathNot: '^plugin/core/(safe-regexp|money|exact-multiple-of)\\.ts$', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
