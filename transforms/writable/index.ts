// The write-path detectors the writable-paths pass runs, in the order their findings are listed.
import type { Detector } from '../../src/types.js';
import { appState } from './app-state.js';
import { appWrites } from './app-writes.js';
import { bindMounts } from './bind-mounts.js';
import { knownWriters } from './known-writers.js';
import { mlCaches } from './ml-caches.js';
import { programLayouts } from './program-layouts.js';
import { rootHome } from './root-home.js';
import { scriptWrites } from './script-writes.js';
import { supervisor } from './supervisor.js';
import { learned } from './learned.js';

export const detectors: Detector[] = [rootHome, supervisor, mlCaches, knownWriters, programLayouts, appState, appWrites, bindMounts, scriptWrites, learned];
