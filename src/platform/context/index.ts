import { AsyncLocalStorage } from 'node:async_hooks';

/** What the platform knows about the request being served, wherever the code runs. */
export type RequestScope = { requestId: string; ip: string | null; locale?: string };

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

export function enterRequestScope(scope: RequestScope): void {
  storage.enterWith(scope);
}

export function getRequestScope(): RequestScope | undefined {
  return storage.getStore();
}
