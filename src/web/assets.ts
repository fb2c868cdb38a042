import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { build } from 'esbuild';

export type Asset = {
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
  contentType: string;
  hash: string;
};

const assets = new Map<string, Asset>();
const sourceDir = findSourceDir();

/** The asset sources ship with the package (src/web/assets and src/web/islands). */
function findSourceDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Running compiled code from dist/src/web, the sources sit at the package root's src/web.
  return here.includes(`${path.sep}dist${path.sep}`) ? here.replace(`${path.sep}dist${path.sep}`, path.sep) : here;
}

function store(name: string, body: Buffer, contentType: string): void {
  assets.set(name, {
    body,
    contentType,
    gzip: zlib.gzipSync(body, { level: 9 }),
    brotli: zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    hash: createHash('sha256').update(body).digest('base64url').slice(0, 12),
  });
}

/**
 * Bundles and minifies CSS and island code once at start-up and keeps them in memory,
 * compressed ahead of time, so no build step stands between a clone and a running server.
 */
export async function prepareAssets(): Promise<void> {
  if (assets.size > 0) return;
  const result = await build({
    entryPoints: {
      app: path.join(sourceDir, 'assets', 'app.css'),
      islands: path.join(sourceDir, 'islands', 'main.ts'),
    },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020', 'chrome80', 'firefox78', 'safari13'],
    write: false,
    outdir: '/virtual',
    logLevel: 'silent',
  });
  for (const file of result.outputFiles) {
    const name = path.basename(file.path);
    store(
      name,
      Buffer.from(file.contents),
      name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
    );
  }
  const favicon = await fs.readFile(path.join(sourceDir, 'assets', 'favicon.svg'));
  store('favicon.svg', favicon, 'image/svg+xml');
}

export function getAsset(name: string): Asset | undefined {
  return assets.get(name);
}

export function assetUrl(name: string): string {
  const asset = assets.get(name);
  return asset ? `/assets/${name}?v=${asset.hash}` : `/assets/${name}`;
}
