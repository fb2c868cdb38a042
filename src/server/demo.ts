import type { RunningPlatform } from './platform.ts';

/** Seeds the demo alliance into an empty database; filled in by the institutions module's demo data. */
export async function seedDemoIfEmpty(platform: RunningPlatform): Promise<boolean> {
  platform.logger.debug('demo data not available yet');
  return false;
}
