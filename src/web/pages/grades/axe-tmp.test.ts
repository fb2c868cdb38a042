import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, AXE_TAGS } from '../../../../test/e2e/support/browser.ts';
import { createGradesPageWorld, type GradesPageWorld } from './test-world.ts';

let w: GradesPageWorld;
let base: string;
beforeAll(async () => {
  w = await createGradesPageWorld();
  await w.ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const address = w.ctx.app.server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(() => w.ctx.close());

it('has no axe violations', async () => {
  const browser = await launchBrowser();
  const results: string[] = [];
  for (const [role, path] of [
    ['enrolled', `/learn/${w.world.key}/SP/progress`],
    ['lead', `/studio/courses/${w.world.key}/runs/SP/gradebook`],
  ] as const) {
    for (const locale of ['en', 'ar']) {
      const context = await browser.newContext({ locale, extraHTTPHeaders: { 'accept-language': locale }, viewport: { width: 1100, height: 900 } });
      const cookies = w.visitors[role].cookies.split('; ').map((pair) => {
        const [name, ...rest] = pair.split('=');
        return { name: name!, value: rest.join('='), url: base };
      });
      await context.addCookies(cookies);
      const page = await context.newPage();
      await page.goto(`${base}${path}`);
      await page.screenshot({ path: `/tmp/grades-${role}-${locale}.png`, fullPage: true });
      const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      results.push(`${path} ${locale}: ${axe.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target).join('|')}`).join('; ') || 'none'}`);
      await context.close();
    }
  }
  await browser.close();
  console.log(results.join('\n'));
  expect(results.every((line) => line.endsWith('none'))).toBe(true);
}, 120_000);
