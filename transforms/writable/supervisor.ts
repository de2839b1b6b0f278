// Placeholder so the writable-paths pass can list the supervisor detector; the real detector replaces this file.
import type { Detector } from '../../src/types.js';

export const supervisor: Detector = {
  name: 'supervisor',
  description: 'supervisord log, pid and socket paths (placeholder: finds nothing yet)',
  detect: () => ({ paths: [] }),
};
