/**
 * The `diff --json` document, version 1, and the table `diff` prints by default. Its shape is
 * documented in docs/diff-json.md and pinned by docs/diff-report.schema.json; add fields, never
 * rename or remove them without bumping `version`.
 */
import type { ReadinessStatus } from '../readiness/document.ts';
import {
  DIFF_CHANGE_KINDS,
  type DiffChange,
  type DiffChangeKind,
  type DiffPrincipal,
  type OrgDiff,
} from './org-diff.ts';

export const DIFF_DOCUMENT_VERSION = 1;

export interface SnapshotSide {
  /** The file as given on the command line. */
  file: string;
  /** The org id the snapshot names. */
  orgId: string;
}

/** Readiness (`lumosReadiness`, FULL access) before and after; null where the principal does not exist. */
export interface ReadinessChange {
  before: ReadinessStatus | null;
  after: ReadinessStatus | null;
}

export interface DiffPrincipalEntry extends DiffPrincipal {
  /** Null when readiness was not checked (`--no-readiness`). */
  readiness: ReadinessChange | null;
}

export interface DiffDocument {
  version: typeof DIFF_DOCUMENT_VERSION;
  older: SnapshotSide;
  newer: SnapshotSide;
  /** ISO 8601, UTC. */
  generatedAt: string;
  /** Whether any admin access changed (the exit code is 1 when it did). */
  changed: boolean;
  changes: DiffChange[];
  principals: DiffPrincipalEntry[];
  summary: { changes: number; principals: number; byKind: Record<DiffChangeKind, number> };
}

export function buildDiffDocument(input: {
  older: SnapshotSide;
  newer: SnapshotSide;
  diff: OrgDiff;
  /** By `TYPE:id`; absent: readiness not checked. */
  readiness?: ReadonlyMap<string, ReadinessChange>;
  generatedAt?: Date;
}): DiffDocument {
  const byKind = Object.fromEntries(DIFF_CHANGE_KINDS.map((k) => [k, 0])) as Record<DiffChangeKind, number>;
  for (const change of input.diff.changes) byKind[change.kind] += 1;
  return {
    version: DIFF_DOCUMENT_VERSION,
    older: input.older,
    newer: input.newer,
    generatedAt: (input.generatedAt ?? new Date()).toISOString(),
    changed: input.diff.changes.length > 0,
    changes: input.diff.changes,
    principals: input.diff.principals.map((p) => ({
      ...p,
      readiness: input.readiness?.get(`${p.type}:${p.id}`) ?? null,
    })),
    summary: { changes: input.diff.changes.length, principals: input.diff.principals.length, byKind },
  };
}

const principalLabel = (p: DiffPrincipal | null) => (p ? `${p.type} ${p.name} (${p.id})` : '-');
const targetsLabel = (targets: string[] | null) => (targets ? targets.join(' ') : 'org-wide');

function detail(change: DiffChange): string {
  const via = change.resourceSet ? `in ${change.resourceSet}` : '';
  if (change.kind === 'TARGETS_CHANGED' && change.targets) {
    const { before, after, direction } = change.targets;
    return [via, `${direction?.toLowerCase()}: ${targetsLabel(before)} -> ${targetsLabel(after)}`]
      .filter(Boolean)
      .join(', ');
  }
  if (change.items.length > 0) return change.items.join(' ');
  if (change.kind === 'ROLE_GAINED' && change.targets?.after)
    return [via, targetsLabel(change.targets.after)].join(' ');
  return via;
}

function columns(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(i < r.length - 1 ? widths[i]! + 2 : 0))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

/** The change table, then each changed principal's readiness before and after. */
export function formatDiffTable(doc: DiffDocument): string {
  const between = `${doc.older.file} and ${doc.newer.file}`;
  if (!doc.changed) return `No admin access changed between ${between}.\n`;
  const lines = [
    `Admin access changed between ${between}: ${doc.summary.changes} change(s), ${doc.summary.principals} principal(s) affected.`,
    '',
    columns([
      ['CHANGE', 'PRINCIPAL', 'SUBJECT', 'DETAIL'],
      ...doc.changes.map((c) => [c.kind, principalLabel(c.principal), c.subject, detail(c)]),
    ]),
  ];
  const checked = doc.principals.filter((p) => p.readiness !== null);
  if (checked.length > 0) {
    lines.push(
      '',
      columns([
        ['PRINCIPAL', 'READINESS BEFORE', 'AFTER'],
        ...checked.map((p) => [
          principalLabel(p),
          p.readiness?.before ?? '(absent)',
          p.readiness?.after ?? '(absent)',
        ]),
      ]),
    );
  }
  return `${lines.join('\n')}\n`;
}
