// The ceiling: a bare Node HTTP server that answers each route with bytes captured from Orbis,
// headers included, doing no work at all. Orbis's req/s divided by this one's is the overhead
// measure, independent of how fast the machine is.
// Usage: node bench/ceiling.mjs <responses.json>; prints "listening <port>" when ready.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const file = process.argv[2];
if (!file) {
  console.error('Usage: node bench/ceiling.mjs <responses.json>');
  process.exit(2);
}

/** @type {Record<string, { status: number; headers: Record<string, string>; body: string }>} */
const captured = JSON.parse(readFileSync(file, 'utf8'));
const responses = new Map(
  Object.entries(captured).map(([route, response]) => [
    route,
    { status: response.status, headers: response.headers, body: Buffer.from(response.body, 'base64') },
  ]),
);

const server = createServer((request, response) => {
  const found = responses.get(request.url ?? '/');
  if (!found) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(found.status, found.headers);
  response.end(found.body);
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
