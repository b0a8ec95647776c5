import type { ReadinessResult, ReadinessStatus, ReadinessSummary, RemediationPlan } from './document.ts';

const ANSI: Record<ReadinessStatus, string> = {
  READY: '\u001b[32m',
  PARTIAL: '\u001b[33m',
  NOT_READY: '\u001b[31m',
  UNSUPPORTED: '\u001b[35m',
  UNKNOWN: '\u001b[36m',
};
const RESET = '\u001b[0m';
const BOLD = '\u001b[1m';

export interface TableOptions {
  /** ANSI colour on the status column and header; default false. */
  color?: boolean;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function shouldUseColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return stream.isTTY === true;
}

/** The table lists this many missing items, then a count; the JSON document has them all. */
const MAX_ITEMS = 3;

/** The missing items a person would add: roles, then permissions, then scopes; `-` when none. */
export function missingItems(result: ReadinessResult): string {
  if (result.status === 'UNKNOWN' && result.undetermined.length > 0) {
    const first = result.undetermined[0]!;
    const more = result.undetermined.length > 1 ? ` +${result.undetermined.length - 1} more` : '';
    return `unread: ${first.input} (${first.reason})${more}`;
  }
  const items = [...result.missingRoles, ...result.missingPermissions, ...result.missingScopes];
  if (items.length > MAX_ITEMS)
    return `${items.slice(0, MAX_ITEMS).join(', ')} +${items.length - MAX_ITEMS} more`;
  if (items.length > 0) return items.join(', ');
  const limited = result.capabilities.filter((c) => c.required && c.available && c.limitedTo !== null);
  if (limited.length > 0) return `limited: ${limited.map((c) => c.name).join(', ')}`;
  return '-';
}

function principalLabel(result: ReadinessResult): string {
  if (result.displayName && result.displayName !== result.principal) {
    return `${result.displayName} (${result.principal})`;
  }
  return result.principal;
}

const VERBS: Record<string, string> = {
  ASSIGN_ROLE: 'assign',
  REMOVE_TARGETS: 'make org-wide',
  REACTIVATE_ROLE: 'reactivate',
  ADD_PERMISSION: 'add to the custom role',
  ADD_RESOURCE: 'add to the resource set',
  GRANT_SCOPE: 'grant',
};

/** A plan in a few words: `PARTIAL by assign REPORT_ADMIN + APP_ADMIN`. */
export function planSummary(plan: RemediationPlan): string {
  const groups: { verb: string; subjects: string[] }[] = [];
  for (const step of plan.steps) {
    const verb = VERBS[step.action] ?? step.action.toLowerCase();
    const last = groups[groups.length - 1];
    if (last?.verb === verb) last.subjects.push(step.subject);
    else groups.push({ verb, subjects: [step.subject] });
  }
  return `${plan.reaches} by ${groups.map((g) => `${g.verb} ${g.subjects.join(' + ')}`).join(', ')}`;
}

/** One row per principal: principal, kind, status, missing items, its plans in a few words. */
export function formatReadinessTable(
  results: readonly ReadinessResult[],
  options: TableOptions = {},
): string {
  const header = ['PRINCIPAL', 'KIND', 'STATUS', 'MISSING', 'PLANS'];
  const rows = results.map((r) => [
    principalLabel(r),
    r.kind,
    r.status,
    missingItems(r),
    r.remediationPlans.length > 0 ? r.remediationPlans.map(planSummary).join(' | ') : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const pad = (cells: string[], paint?: (cell: string, column: number) => string) =>
    cells
      .map((cell, i) => {
        // The last column is not padded, so lines carry no trailing blanks.
        const padded = i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0);
        return paint ? paint(padded, i) : padded;
      })
      .join('  ');
  const lines = [pad(header, options.color ? (cell) => `${BOLD}${cell}${RESET}` : undefined)];
  for (const [index, row] of rows.entries()) {
    const status = results[index]?.status;
    lines.push(
      pad(row, (cell, column) =>
        options.color && column === 2 && status ? `${ANSI[status]}${cell}${RESET}` : cell,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

function listed(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Under the table, each principal that is not READY with its warnings and its plans, step by step
 * (each step names the Okta API call and the Admin Console page); an UNKNOWN one without a plan
 * with what the gateway must read first.
 */
export function formatPlans(results: readonly ReadinessResult[]): string {
  const blocks: string[] = [];
  for (const r of results) {
    if (r.remediationPlans.length === 0 && r.remediation.length === 0) continue;
    const lines = [`${principalLabel(r)}: ${r.status}`];
    for (const w of r.warnings) lines.push(`  ${w.code}: ${w.message}`);
    if (r.remediationPlans.length === 0) {
      for (const [i, step] of r.remediation.entries()) lines.push(`    ${i + 1}. ${step}`);
    }
    r.remediationPlans.forEach((plan, p) => {
      const leaves = plan.leavesMissing.length > 0 ? `, still without ${listed(plan.leavesMissing)}` : '';
      lines.push(`  Plan ${p + 1}: reaches ${plan.reaches}${leaves}`);
      for (const [i, step] of plan.steps.entries()) lines.push(`    ${i + 1}. ${step.text}`);
    });
    blocks.push(lines.join('\n'));
  }
  return blocks.length > 0 ? `\n${blocks.join('\n\n')}\n` : '';
}

export function formatSummary(summary: ReadinessSummary, options: TableOptions = {}): string {
  const parts = (Object.keys(summary) as ReadinessStatus[]).map((status) => {
    const text = `${status} ${summary[status]}`;
    return options.color && summary[status] > 0 ? `${ANSI[status]}${text}${RESET}` : text;
  });
  const total = Object.values(summary).reduce((a, b) => a + b, 0);
  return `${total} principal${total === 1 ? '' : 's'}: ${parts.join(', ')}\n`;
}
