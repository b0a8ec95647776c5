import type { ReadinessResult, ReadinessStatus, ReadinessSummary } from './document.ts';

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

/** One row per principal: principal, kind, status, missing items, first remediation step. */
export function formatReadinessTable(
  results: readonly ReadinessResult[],
  options: TableOptions = {},
): string {
  const header = ['PRINCIPAL', 'KIND', 'STATUS', 'MISSING', 'FIRST STEP'];
  const rows = results.map((r) => [
    principalLabel(r),
    r.kind,
    r.status,
    missingItems(r),
    r.remediation[0] ?? '-',
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

export function formatSummary(summary: ReadinessSummary, options: TableOptions = {}): string {
  const parts = (Object.keys(summary) as ReadinessStatus[]).map((status) => {
    const text = `${status} ${summary[status]}`;
    return options.color && summary[status] > 0 ? `${ANSI[status]}${text}${RESET}` : text;
  });
  const total = Object.values(summary).reduce((a, b) => a + b, 0);
  return `${total} principal${total === 1 ? '' : 's'}: ${parts.join(', ')}\n`;
}
