// The passes, in the order the engine runs them. Later passes read the plan earlier ones set.
import { baseDetection } from './base-detection.js';
import { createUser } from './create-user.js';
import { switchUser } from './switch-user.js';
import type { Pass } from '../src/types.js';

export const passes: Pass[] = [baseDetection, createUser, switchUser];
