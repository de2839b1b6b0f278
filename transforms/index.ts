// The passes, in the order the engine runs them. Later passes read the plan earlier ones set.
import { baseDetection } from './base-detection.js';
import { createUser } from './create-user.js';
import { deployTarget } from './deploy-target.js';
import { optOut } from './opt-out.js';
import { privilegeDrop } from './privilege-drop.js';
import { switchUser } from './switch-user.js';
import { writablePaths } from './writable-paths.js';
import type { Pass } from '../src/types.js';

export const passes: Pass[] = [optOut, deployTarget, baseDetection, privilegeDrop, createUser, writablePaths, switchUser];
