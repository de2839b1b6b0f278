// Who the container runs as, instruction by instruction through the final stage's ancestry.
import type { Analysis, BaseInfo, Instr } from './types.js';
import { hasUnresolved } from './variables.js';

export interface UserState {
  /** The USER value in effect (resolved), or the base image's default. */
  value: string;
  isRoot: boolean;
  /** Whether the value still holds a variable nothing resolves. */
  unresolved: boolean;
  /** The USER instruction that set it; undefined when it is the base image's default. */
  instr?: Instr;
}

export function isRootUser(value: string): boolean {
  const user = value.split(':')[0].trim();
  return user === '' || user === 'root' || /^0+$/.test(user);
}

export interface UserStates {
  before: ReadonlyMap<Instr, UserState>;
  final: UserState;
}

// Several passes ask, each walking the whole runtime chain: work it out once per file and base.
const USER_STATES = {};

/** The user each runtime-chain instruction runs as, and the user the image ends with. Shared: do not change it. */
export function userStates(analysis: Analysis, base: BaseInfo | undefined): UserStates {
  let byBase = analysis.memo.get(USER_STATES) as Map<BaseInfo | undefined, UserStates> | undefined;
  if (!byBase) analysis.memo.set(USER_STATES, (byBase = new Map()));
  let states = byBase.get(base);
  if (!states) byBase.set(base, (states = walkUsers(analysis, base)));
  return states;
}

function walkUsers(analysis: Analysis, base: BaseInfo | undefined): UserStates {
  const shipped = base?.shippedUser;
  let state: UserState = shipped?.isDefault
    ? { value: String(shipped.uid), isRoot: false, unresolved: false }
    : { value: 'root', isRoot: true, unresolved: false };
  const before = new Map<Instr, UserState>();
  for (const stage of analysis.runtimeChain) {
    for (const instr of stage.instructions) {
      before.set(instr, state);
      if (instr.keyword !== 'USER') continue;
      const value = analysis.resolve(instr.args.trim(), instr);
      const unresolved = hasUnresolved(value);
      state = { value, isRoot: !unresolved && isRootUser(value), unresolved, instr };
    }
  }
  return { before, final: state };
}
