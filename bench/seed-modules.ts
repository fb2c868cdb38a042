// One entry for the seeding script, so every module it uses (and the catalog listener that
// publishing calls) comes from the same module graph.
export { SYSTEM_ACTOR } from '../src/platform/access/index.ts';
export { loadConfig } from '../src/platform/config/index.ts';
export { openPlatform } from '../src/server/platform.ts';
export { seedDemoIfEmpty } from '../src/server/demo.ts';
export { createAccount } from '../src/modules/identity/index.ts';
export { addMember, getInstitutionByKey, listMembershipsOfUser } from '../src/modules/institutions/index.ts';
export { addBlock, addSection, addUnit, createCourse, createRun, publishCourse } from '../src/modules/courses/index.ts';
