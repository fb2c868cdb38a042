// Compiles the server to dist/ with the TypeScript compiler; assets are bundled at start-up.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
// Demo media are data, not code: copy them beside the compiled seeding code.
cpSync(
  new URL('../src/server/demo-media', import.meta.url),
  new URL('../dist/src/server/demo-media', import.meta.url),
  {
    recursive: true,
  },
);
