#!/usr/bin/env node
// Runs the compiled CLI; `npm run build` (part of `npm start`) produces it.
import('../dist/src/cli/main.js').catch((error) => {
  console.error(error?.code === 'ERR_MODULE_NOT_FOUND' ? 'Orbis is not built yet: run "npm run build" first.' : error);
  process.exit(1);
});
