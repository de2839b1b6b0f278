// Pass: find what the container writes at run time and hand exactly that to the unprivileged user.
import path from 'node:path';
import { commentLines, indentNear, insertLines, keyword } from '../src/edits.js';
import { imageModel, type MadePath } from '../src/image-model.js';
import { rootWorkOffset } from '../src/placement.js';
import { splitCommands } from '../src/shell.js';
import type { Analysis, Instr, Note, Pass, PassResult, ReasonedEdit, RuntimeUser, WritePath } from '../src/types.js';
import { userStates } from '../src/users.js';
import { detectors } from './writable/index.js';
import { volumeTargets } from './writable/app-state.js';
import { appCodePaths, cleanPath, copiesInto, hasParentIn, userHome, isSystemFolder, isWithin, lineOf, mkdirTargets, PathIndex, runtimeInstructions, workdirs } from './writable/shared.js';

export const name = 'writable-paths';
export const description = 'Give the unprivileged user the paths the container writes at run time (one mkdir+chown, or COPY --chown), and nothing else';


const reasons = {
  run: (u: RuntimeUser, paths: string[]) => `hand only the paths written at run time to ${u.name} (${u.uid}:${u.gid}): ${paths.join(' ')}; not the whole filesystem, not the app code`,
  comment: 'Paths written at run time, owned by the unprivileged user (only these)',
  copyChown: (u: RuntimeUser, dest: string) => `${dest} is written at run time and copied in here: COPY --chown=${u.uid}:${u.gid} owns it without a chown -R layer that would duplicate the files`,
  found: (p: WritePath, u: RuntimeUser) =>
    p.kind === 'shared-dir'
      ? `${p.path} takes new files at run time (${p.evidence}): group ${u.gid}, mode 1775 (group-writable, sticky), so the app adds files there but cannot change or delete the code root owns`
      : `${p.path} is written at run time (${p.evidence}): owned by ${u.uid}:${u.gid}`,
  possible: (p: WritePath) => `${p.path} may be written at run time (${p.evidence}): not handed over; pass --writable ${p.path} if the app writes there`,
  mountPoint: (p: WritePath, u: RuntimeUser) =>
    `${p.path} is where volumes are mounted (${p.evidence}): a mount's owner comes from the volume, not the image, so nothing here can make it writable; on Kubernetes give the pod securityContext.fsGroup: ${u.gid}, with docker -v chown the host folder to ${u.uid}:${u.gid}`,
  system: (p: WritePath) => `${p.path} is a system folder (${p.evidence}): never handed over, that would give the user every file under it; use a folder of the app's own, such as /data/app`,
  underRoot: (p: WritePath) =>
    `${p.path} is under /root (${p.evidence}), which the unprivileged user cannot enter (mode 700): not handed over, since a chown there would reach nothing; the write fails unless it goes to a folder of the user's own, such as its home`,
  appCode: (p: WritePath) => `${p.path} holds the app code (${p.evidence}): not handed over, so the app cannot rewrite itself; point it at a subfolder such as ${p.path}/data`,
  noShell: (p: WritePath, image: string, u: RuntimeUser) =>
    `${p.path} must be writable (${p.evidence}), but ${image} has no shell to create it: create it in a builder stage and add COPY --from=<builder> --chown=${u.uid}:${u.gid} ${p.path} ${p.path}`,
  unsafe: (p: WritePath) => `${p.path} is written at run time (${p.evidence}) but holds characters the shell would read specially: hand it over by hand`,
  children: (p: string, children: MadePath[]) =>
    `${p} already holds ${children.map((c) => `${c.path} (line ${lineOf(c.instr)})`).join(', ')}, made as root: chowned with -R so the user can write into them too`,
  notRoot: (line: number) => `the chown before line ${line} would not run as root there; move it above the USER switch by hand`,
};

/** Paths written into a RUN line as they are: nothing the shell or the Dockerfile parser would read specially. */
const SAFE_PATH = /^\/[A-Za-z0-9._@%+=:,\/-]*$/;

/** FHS mount points: a write there goes to a mounted volume (a Kubernetes PVC, a bind mount). */
const MOUNT_POINTS = ['/mnt', '/media'];

/** Sticky world-writable folders: the user can already write there, nothing to hand over (FHS, tmpfs). */
const WORLD_WRITABLE = ['/tmp', '/var/tmp', '/dev/shm'];

export interface Dropped {
  path: WritePath;
  why: 'system' | 'under-root' | 'app-code' | 'relative' | 'world-writable' | 'unsafe';
}

/**
 * Merge detector findings: one entry per path (a handed-over finding wins over a report-only one), never a
 * system folder nor a folder holding the app code, and no path under a folder already handed over unless
 * the build or a package creates it (a non-recursive chown of the parent would leave an existing child root-owned).
 */
export function mergeWritePaths(found: WritePath[], appCode: string[], existsAtBuild: (p: string) => boolean = () => false): { kept: WritePath[]; dropped: Dropped[] } {
  const dropped: Dropped[] = [];
  const byPath = new Map<string, WritePath>();
  const code = new PathIndex(appCode.map((c) => [c, c] as const));
  for (const raw of found) {
    const p = { ...raw, path: raw.path.startsWith('/') ? cleanPath(raw.path) : raw.path };
    if (!p.path.startsWith('/')) dropped.push({ path: p, why: 'relative' });
    else if (!SAFE_PATH.test(p.path)) dropped.push({ path: p, why: 'unsafe' });
    else if (WORLD_WRITABLE.includes(p.path)) dropped.push({ path: p, why: 'world-writable' });
    else if (isSystemFolder(p.path)) dropped.push({ path: p, why: 'system' });
    else if (isWithin(p.path, '/root')) dropped.push({ path: p, why: 'under-root' });
    else if (code.hasWithin(p.path) && p.kind !== 'shared-dir') dropped.push({ path: p, why: 'app-code' });
    else {
      const prev = byPath.get(p.path);
      // A finding that the folder's contents must be handed over too is kept, whichever detector made it.
      if (!prev || (prev.reportOnly && !p.reportOnly)) byPath.set(p.path, { ...p, recursive: p.recursive || prev?.recursive });
      else if (p.recursive && !prev.recursive) byPath.set(p.path, { ...prev, recursive: true, evidence: p.evidence });
    }
  }
  const all = [...byPath.values()];
  // A path goes when a folder above it is handed over too (paths are unique here, so "above" means a proper parent).
  const handedDirs = new Set(all.filter((o) => !o.reportOnly && o.kind === 'dir').map((o) => o.path));
  // A folder the build does not make under /usr, /etc or /var comes with the base image or a package (php's
  // /usr/local/etc/php), and so do its children (conf.d): a chown of the folder alone would not reach them.
  const shipped = (p: string) => [...handedDirs].some((d) => d !== p && isWithin(p, d) && !existsAtBuild(d) && /^\/(usr|etc|var)\//.test(d));
  // A file there that the build does not make may not exist: its folder is handed over instead, since creating
  // the file (`touch`) would change what a start script's `[ -f ]` sees.
  const inShipped = all.map((p) =>
    p.kind === 'file' && hasParentIn(p.path, handedDirs) && !p.installed && !existsAtBuild(p.path) && shipped(p.path) && !handedDirs.has(path.posix.dirname(p.path))
      ? { ...p, path: path.posix.dirname(p.path), kind: 'dir' as const }
      : p,
  );
  const unique = [...new Map(inShipped.map((p) => [p.path, p])).values()];
  const kept = unique.filter((p) => !(hasParentIn(p.path, handedDirs) && (p.reportOnly || !(p.installed || existsAtBuild(p.path) || (p.kind !== 'file' && shipped(p.path))))));
  return { kept, dropped };
}

export const writablePaths: Pass = {
  name,
  description,
  run(ctx): PassResult {
    const { analysis, plan } = ctx;
    const user = plan.user;
    if (!user || !plan.base) return {};
    const edits: ReasonedEdit[] = [];
    const notes: Note[] = [];
    const found: WritePath[] = [];
    const unresolved: string[] = [];
    for (const detector of detectors) {
      // Each detector sees what the ones before it found (the bind-mount notes are only for folders written).
      const out = detector.detect({ analysis, plan: { ...plan, writePaths: [...plan.writePaths, ...found], unresolvedWrites: unresolved } });
      if (out.blocker) return { blocker: out.blocker, notes: out.notes };
      if (out.skip) return { skip: out.skip, notes: out.notes };
      found.push(...out.paths);
      unresolved.push(...(out.unresolved ?? []));
      edits.push(...(out.edits ?? []));
      notes.push(...(out.notes ?? []));
    }

    const copies = copiesInto(analysis);
    const created = new Set([...mkdirTargets(analysis).map((m) => m.path), ...workdirs(analysis).map((w) => w.path), ...copies.map((c) => c.dest), ...redirectTargets(analysis)]);
    const { kept, dropped } = mergeWritePaths(found, appCodePaths(analysis, copies), (p) => created.has(p));
    for (const d of dropped) {
      // The container writes there and the tool will not hand it over: a run-time risk, named.
      // FHS: /mnt and /media are mount points; what is written there lives on whatever is mounted.
      if (d.why === 'system') notes.push({ level: 'warn', risk: !d.path.reportOnly, line: d.path.line, message: MOUNT_POINTS.includes(d.path.path) ? reasons.mountPoint(d.path, user) : reasons.system(d.path) });
      if (d.why === 'under-root') notes.push({ level: 'warn', risk: !d.path.reportOnly, line: d.path.line, message: reasons.underRoot(d.path) });
      if (d.why === 'app-code') notes.push({ level: 'warn', risk: !d.path.reportOnly, line: d.path.line, message: reasons.appCode(d.path) });
      if (d.why === 'unsafe') notes.push({ level: 'warn', risk: !d.path.reportOnly, line: d.path.line, message: reasons.unsafe(d.path) });
    }

    const active = kept.filter((p) => !p.reportOnly);
    const owner = `${user.uid}:${user.gid}`;
    const toCreate: WritePath[] = [];
    // Read once, not per path: a long Dockerfile has thousands of instructions and of paths.
    const chowns = chownsTo(analysis, user);
    const finalInstrs = new Set(analysis.finalStage.instructions);
    const mkdirPaths = new Set(mkdirTargets(analysis).map((m) => m.path));
    const workdirPaths = new Set(workdirs(analysis).map((w) => w.path));
    const model = imageModel(analysis);
    const unownedCopies = new PathIndex(copies.filter((c) => !c.chown && finalInstrs.has(c.instr)).map((c) => [c.dest, c] as const));
    for (const p of active) {
      if (p.kind === 'shared-dir') {
        // The code folder stays root's: never COPY --chown into it, only its group and mode change.
        if (!sharedAlready(analysis, user, p.path)) toCreate.push(p);
        continue;
      }
      // A download's own chown -R covers the folder, unless later build steps fill it as root again (recursive).
      if (alreadyOwned(chowns, p.path) || (!p.recursive && edits.some((e) => e.text.includes(`chown -R ${owner} `) && e.text.includes(p.path)))) continue;
      // Made by a copy that already gives it to the user (COPY --chown): nothing to create or hand over.
      const known = model.ownerAt(p.path, analysis.text.length);
      if (known && isUserOwner(known.owner, user) && model.madeBefore(p.path, analysis.text.length)) continue;
      const into = unownedCopies.within(p.path);
      for (const c of into) {
        if (edits.some((e) => e.start === c.instr.start + c.instr.node.getInstruction().length)) continue;
        const at = c.instr.start + c.instr.node.getInstruction().length;
        edits.push({ start: at, end: at, text: ` --chown=${owner}`, reason: reasons.copyChown(user, c.dest) });
      }
      const coveredByCopy = into.some((c) => c.dest === p.path) && !mkdirPaths.has(p.path) && !workdirPaths.has(p.path);
      if (!coveredByCopy) toCreate.push(p);
    }
    const unreachable = plan.base.hasShell ? [] : toCreate;
    for (const p of active) if (!unreachable.includes(p)) notes.push({ level: 'info', line: p.line, message: reasons.found(p, user) });
    for (const p of kept.filter((k) => k.reportOnly)) notes.push({ level: 'info', line: p.line, message: reasons.possible(p) });

    if (toCreate.length > 0 && !plan.base.hasShell) {
      for (const p of toCreate) notes.push({ level: 'warn', line: p.line, message: reasons.noShell(p, plan.base.image, user) });
    } else if (toCreate.length > 0) {
      const { offset, next, previous } = ownershipPlacement(analysis, toCreate);
      // A folder whose children the build already made as root is handed over with them, not just itself.
      const ownsChild = (c: MadePath) => alreadyOwned(chowns, c.path) || (c.source === 'copy' && (c.owner !== undefined || finalInstrs.has(c.instr)));
      const recursive = new Set<string>();
      for (const p of toCreate) {
        if (p.recursive) recursive.add(p.path);
        const children = p.kind === 'dir' ? model.childrenBefore(p.path, offset).filter((c) => !ownsChild(c)) : [];
        if (children.length === 0) continue;
        recursive.add(p.path);
        notes.push({ level: 'info', line: p.line, message: reasons.children(p.path, children) });
      }
      toCreate.splice(0, toCreate.length, ...toCreate.filter((p) => !hasParentIn(p.path, recursive)));
      // mkdir -p as root makes ~/.cache root's too, and then every other library that writes under ~/.cache fails.
      toCreate.push(...homeParents(toCreate, userHome(analysis, user)));
      const state = next ? userStates(analysis, plan.base).before.get(next) : undefined;
      if (state && !state.isRoot && next) notes.push({ level: 'warn', line: lineOf(next), message: reasons.notRoot(lineOf(next)) });
      const indent = indentNear(next, previous);
      const lines = [...commentLines(analysis, indent, reasons.comment), `${indent}${keyword(analysis, 'RUN')} ${ownershipCommand(toCreate, owner, recursive)}`];
      edits.push({ ...insertLines(analysis, offset, lines), reason: reasons.run(user, toCreate.map((p) => p.path)) });
    }
    return { edits, notes, plan: { writePaths: kept } };
  },
};

/** `mkdir -p` the folders (and files' folders), `touch` the files, then one non-recursive chown of exactly those paths (-R for `recursive` ones). */
export function ownershipCommand(paths: WritePath[], owner: string, recursive: ReadonlySet<string> = new Set()): string {
  const dirs = paths.filter((p) => p.kind === 'dir').map((p) => p.path);
  const files = paths.filter((p) => p.kind === 'file').map((p) => p.path);
  const shared = paths.filter((p) => p.kind === 'shared-dir').map((p) => p.path);
  // A system folder above a file (/var/log) is always there, and so is a shared code folder: no mkdir for them.
  const parents = files.map((f) => path.posix.dirname(f)).filter((d) => !dirs.includes(d) && !shared.includes(d) && !isSystemFolder(d));
  const mkdir = [...dirs, ...new Set(parents)];
  const parts: string[] = [];
  if (mkdir.length) parts.push(`mkdir -p ${mkdir.join(' ')}`);
  if (files.length) parts.push(`touch ${files.join(' ')}`);
  const plain = [...dirs, ...files].filter((p) => !recursive.has(p));
  const deep = dirs.filter((d) => recursive.has(d));
  if (plain.length) parts.push(`chown ${owner} ${plain.join(' ')}`);
  if (deep.length) parts.push(`chown -R ${owner} ${deep.join(' ')}`);
  // Sticky and group-writable: the user's group adds files, and only a file's owner may delete or rename it.
  if (shared.length) parts.push(`chgrp ${owner.split(':')[1]} ${shared.join(' ')} && chmod 1775 ${shared.join(' ')}`);
  return parts.join(' && ');
}

/** Whether the Dockerfile already gives this folder to the user's group (a chgrp to its gid or name). */
function sharedAlready(analysis: Analysis, user: RuntimeUser, dir: string): boolean {
  const groups = [String(user.gid), user.group];
  return runtimeInstructions(analysis).some(
    (instr) =>
      instr.keyword === 'RUN' &&
      splitCommands(analysis.resolve(instr.args, instr)).some((words) => {
        const at = words.indexOf('chgrp');
        if (at < 0) return false;
        const args = words.slice(at + 1).filter((w) => !w.startsWith('-'));
        return groups.includes(args[0] ?? '') && args.slice(1).some((a) => a.replace(/\/+$/, '') === dir);
      }),
  );
}

/** After the last build step, but before a VOLUME that declares one of the paths (later changes there are discarded). */
function ownershipPlacement(analysis: Analysis, paths: WritePath[]): { offset: number; next?: Instr; previous: Instr } {
  const stage = analysis.finalStage;
  const root = rootWorkOffset(analysis);
  const volume = stage.instructions.find(
    (i) => i.keyword === 'VOLUME' && i.lineStart < root.offset && volumeTargets(analysis, i).some((t) => paths.some((p) => isWithin(p.path, t))),
  );
  if (volume) return { offset: volume.commentStart, next: volume, previous: stage.instructions[stage.instructions.indexOf(volume) - 1] ?? stage.from };
  return { offset: root.offset, next: root.next, previous: root.after };
}

/** Whether the Dockerfile already gives the user this path (a chown to its uid or name, or COPY --chown). */
/** The targets of every `chown` to the user in the runtime chain, with whether it recurses. */
function chownsTo(analysis: Analysis, user: RuntimeUser): { paths: string[]; recursive: boolean }[] {
  const owners = [String(user.uid), user.name];
  const found: { paths: string[]; recursive: boolean }[] = [];
  for (const instr of runtimeInstructions(analysis)) {
    if (instr.keyword !== 'RUN') continue;
    for (const words of splitCommands(analysis.resolve(instr.args, instr))) {
      const at = words.indexOf('chown');
      if (at < 0) continue;
      const args = words.slice(at + 1).filter((w) => !w.startsWith('-'));
      const recursive = words.slice(at + 1).some((w) => /^-[a-zA-Z]*R/.test(w));
      if (!owners.includes((args[0] ?? '').split(/[:.]/)[0])) continue;
      found.push({ paths: args.slice(1).map((a) => a.replace(/\/+$/, '')), recursive });
    }
  }
  return found;
}

/** Whether an owner as a Dockerfile writes it (`name`, `uid`, `name:group`, `uid:gid`) is the user. */
function isUserOwner(owner: string, user: RuntimeUser): boolean {
  return [String(user.uid), user.name].includes(owner.split(/[:.]/)[0]);
}

function alreadyOwned(chowns: { paths: string[]; recursive: boolean }[], p: string): boolean {
  return chowns.some((c) => c.paths.some((a) => a === p || (c.recursive && isWithin(p, a))));
}

/** The folders between the user's home and each path under it, not already in the list: they are handed over too. */
function homeParents(paths: WritePath[], home: string | undefined): WritePath[] {
  if (!home) return [];
  const have = new Set(paths.map((p) => p.path));
  const out: WritePath[] = [];
  for (const p of paths) {
    if (p.path === home || !isWithin(p.path, home)) continue;
    for (let dir = path.posix.dirname(p.path); dir !== home && isWithin(dir, home); dir = path.posix.dirname(dir)) {
      if (have.has(dir)) continue;
      have.add(dir);
      out.push({ path: dir, kind: 'dir', evidence: `the folder above ${p.path} in the user's home` });
    }
  }
  return out;
}

/** Files the build's RUN lines write with a shell redirection (`echo … > ${php_vars}`): they exist in the image. */
function redirectTargets(analysis: Analysis): string[] {
  const out: string[] = [];
  for (const instr of runtimeInstructions(analysis)) {
    if (instr.keyword !== 'RUN') continue;
    for (const m of analysis.resolve(instr.args, instr).matchAll(/(?:^|[^0-9&<>])>>?\s*(\/[^\s;&|)'"`]+)/g)) out.push(cleanPath(m[1]));
  }
  return out;
}
