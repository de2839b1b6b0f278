// The write-path detectors the writable-paths pass runs, in the order their findings are listed.
import type { Detector } from '../../src/types.js';
import { appState } from './app-state.js';
import { appWrites } from './app-writes.js';
import { bindMounts } from './bind-mounts.js';
import { buildDownloads } from './build-downloads.js';
import { fileModes } from './file-modes.js';
import { knownWriters } from './known-writers.js';
import { learned } from './learned.js';
import { listenPorts } from './listen-ports.js';
import { mlCaches } from './ml-caches.js';
import { programLayouts } from './program-layouts.js';
import { rootHome } from './root-home.js';
import { scriptWrites } from './script-writes.js';
import { supervisor } from './supervisor.js';

// learned feeds what a real run wrote; bind-mounts runs last: it gives host steps only for mounts that hold a path the others found written.
export const detectors: Detector[] = [rootHome, supervisor, mlCaches, buildDownloads, knownWriters, programLayouts, appState, appWrites, scriptWrites, fileModes, learned, bindMounts, listenPorts];
