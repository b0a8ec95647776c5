/**
 * The layers, one-way (docs/architecture.md): main -> cli -> http -> yoga -> schema -> resolvers ->
 * context -> okta -> iam; open-okta wires config to okta for the server and the CLI; errors and
 * config import nothing of ours; the simulator stands alone. Type-only imports count.
 * `npm run lint` runs these rules; test/architecture/layers.test.ts runs them as a test.
 */
const above = (...layers) => `^src/(${layers.join('|')})(/|\\.ts$)`;

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: the modules cannot be read, tested or loaded one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'sim-stands-alone',
      severity: 'error',
      comment: 'The simulator plays Okta; it must not know the gateway.',
      from: { path: '^src/sim/' },
      to: { path: '^src/', pathNot: '^src/sim/' },
    },
    {
      name: 'iam-is-pure',
      severity: 'error',
      comment: 'The IAM domain knows nothing of Okta calls, GraphQL or HTTP.',
      from: { path: '^src/iam/' },
      to: { path: '^src/', pathNot: '^src/iam/' },
    },
    {
      name: 'okta-below-the-gateway',
      severity: 'error',
      comment: 'The Okta access layer maps Okta into the IAM models and knows nothing above it.',
      from: { path: '^src/okta/' },
      to: { path: '^src/', pathNot: '^src/(okta|iam)/' },
    },
    {
      name: 'context-below-resolvers',
      severity: 'error',
      from: { path: '^src/context\\.ts$' },
      to: { path: above('resolvers', 'schema', 'http', 'cli', 'yoga', 'open-okta', 'main') },
    },
    {
      name: 'resolvers-below-schema',
      severity: 'error',
      comment: 'Resolvers are plain functions: no builder, no HTTP.',
      from: { path: '^src/resolvers/' },
      to: { path: above('schema', 'http', 'cli', 'yoga', 'open-okta', 'main') },
    },
    {
      name: 'schema-below-yoga',
      severity: 'error',
      from: { path: '^src/schema/' },
      to: { path: above('http', 'cli', 'yoga', 'open-okta', 'main') },
    },
    {
      name: 'open-okta-below-http',
      severity: 'error',
      from: { path: '^src/open-okta\\.ts$' },
      to: { path: above('http', 'cli', 'yoga', 'schema', 'resolvers', 'main') },
    },
    {
      name: 'http-below-cli',
      severity: 'error',
      comment: 'Only start.ts builds the gateway; the rest of http is what yoga plugs in.',
      from: { path: '^src/(http/|yoga\\.ts$)', pathNot: '^src/http/start\\.ts$' },
      to: { path: above('cli', 'main'), pathNot: '^src/http/start\\.ts$' },
    },
    {
      name: 'http-parts-below-yoga',
      severity: 'error',
      from: { path: '^src/http/', pathNot: '^src/http/start\\.ts$' },
      to: { path: '^src/(yoga\\.ts|http/start\\.ts)$' },
    },
    {
      name: 'only-main-runs-the-cli',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cli/|main\\.ts$)' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'leaves-import-nothing-of-ours',
      severity: 'error',
      from: { path: '^src/(errors|config)\\.ts$' },
      to: { path: '^src/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|\\.js$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
