/**
 * The layering of docs/architecture.md, enforced. Rules change only together with an ADR;
 * never loosen one to make a build pass.
 */
module.exports = {
  forbidden: [
    {
      name: 'module-public-surface',
      comment:
        'Code outside a module imports only its index.ts (a schema may reference another schema for foreign keys).',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/modules/([^/]+)/', '/test-[^/]*\\.ts$'] },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'module-to-module-surface',
      comment: 'One module reaches another only through its index.ts; schemas may reference schemas.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: '/test-[^/]*\\.ts$|-test-fixtures\\.ts$' },
      to: {
        path: '^src/modules/([^/]+)/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$', '^src/modules/[^/]+/schema\\.ts$'],
      },
    },
    {
      name: 'schema-only-from-schema',
      comment: "Only a schema file may import another module's schema (foreign keys).",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: '^src/modules/[^/]+/schema\\.ts$' },
      to: { path: '^src/modules/([^/]+)/schema\\.ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'platform-has-no-domain',
      comment: 'The platform layer knows nothing of modules, the web or the server.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules|web|server|cli)/' },
    },
    {
      name: 'modules-do-not-know-the-web',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: '^src/(web|server|cli)/' },
    },
    {
      name: 'base-modules-stay-low',
      comment: 'identity and institutions are the base layer: they import no higher module.',
      severity: 'error',
      from: { path: '^src/modules/(identity|institutions)/' },
      to: { path: '^src/modules/', pathNot: '^src/modules/(identity|institutions)/' },
    },
    {
      name: 'identity-below-institutions',
      severity: 'error',
      from: { path: '^src/modules/identity/' },
      to: { path: '^src/modules/institutions/' },
    },
    {
      name: 'publishing-knows-no-content-type',
      comment: 'publishing is the content layer under courses: it imports no module above the base layer.',
      severity: 'error',
      from: { path: '^src/modules/publishing/' },
      to: { path: '^src/modules/', pathNot: '^src/modules/(identity|institutions|publishing)/' },
    },
    {
      name: 'courses-below-consumers',
      comment: 'courses (authoring) never imports a consumer such as the catalog; consumers read courses.',
      severity: 'error',
      from: { path: '^src/modules/courses/' },
      to: { path: '^src/modules/', pathNot: '^src/modules/(identity|institutions|publishing|courses)/' },
    },
    {
      name: 'sharing-reads-courses-only',
      comment: 'sharing (packages) works through the courses API; it knows no consumer.',
      severity: 'error',
      from: { path: '^src/modules/sharing/' },
      to: { path: '^src/modules/', pathNot: '^src/modules/(identity|institutions|courses|sharing)/' },
    },
    {
      name: 'catalog-is-a-consumer',
      comment: 'the catalog reads courses; it never reaches the content model or packages directly.',
      severity: 'error',
      from: { path: '^src/modules/catalog/' },
      to: { path: '^src/modules/', pathNot: '^src/modules/(identity|institutions|courses|catalog)/' },
    },
    {
      name: 'records-stay-generic',
      comment: 'the learning record store knows statements, not the modules that write them (ADR 0019).',
      severity: 'error',
      from: { path: '^src/modules/records/' },
      to: { path: '^src/modules/', pathNot: '^src/modules/(identity|records)/' },
    },
    {
      name: 'enrollment-below-courseware',
      comment: 'learner core, lowest first: enrollment, courseware, assessment (ADR 0019).',
      severity: 'error',
      from: { path: '^src/modules/enrollment/' },
      to: { path: '^src/modules/', pathNot: '^src/modules/(identity|institutions|courses|records|enrollment)/' },
    },
    {
      name: 'courseware-below-assessment',
      severity: 'error',
      from: { path: '^src/modules/courseware/' },
      to: {
        path: '^src/modules/',
        pathNot: '^src/modules/(identity|institutions|courses|records|enrollment|courseware)/',
      },
    },
    {
      name: 'assessment-below-outcomes',
      severity: 'error',
      from: { path: '^src/modules/assessment/' },
      to: {
        path: '^src/modules/',
        pathNot: '^src/modules/(identity|institutions|courses|records|enrollment|courseware|assessment)/',
      },
    },
    {
      name: 'credentials-is-an-outcome',
      comment:
        'credentials read the learner core and courses; nothing in the learner core reads credentials (ADR 0024).',
      severity: 'error',
      from: { path: '^src/modules/credentials/' },
      to: {
        path: '^src/modules/',
        pathNot: '^src/modules/(identity|institutions|courses|records|enrollment|courseware|assessment|credentials)/',
      },
    },
    {
      name: 'discussions-beside-the-learner-core',
      comment:
        'forums read who is in a run (enrollment) and what the run teaches (courses); no learning module reads forums (ADR 0025).',
      severity: 'error',
      from: { path: '^src/modules/discussions/', pathNot: '-test-fixtures\\.ts$' },
      to: { path: '^src/modules/', pathNot: '^src/modules/(identity|institutions|courses|enrollment|discussions)/' },
    },
    {
      name: 'nothing-below-reads-discussions',
      severity: 'error',
      from: { path: '^src/modules/', pathNot: '^src/modules/discussions/' },
      to: { path: '^src/modules/discussions/' },
    },
    {
      name: 'web-never-touches-the-database',
      comment: 'Routes and views call services; they never import the database layer or queries.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: {
        path: [
          '^src/platform/db/',
          '^src/modules/[^/]+/(schema|queries)\\.ts$',
          '^node_modules/(drizzle-orm|pg|@electric-sql)/',
        ],
      },
    },
    {
      name: 'web-does-not-import-the-server',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, pathNot: '^src/modules/[^/]+/schema\\.ts$' },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      from: { path: '^src/', pathNot: ['\\.test\\.tsx?$', '/test-[^/]*\\.ts$|-test-fixtures\\.ts$'] },
      to: { path: ['^test/', '\\.test\\.tsx?$', '/test-[^/]*\\.ts$|-test-fixtures\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
};
