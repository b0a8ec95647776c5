/**
 * Okta's filter/search expression language (a SCIM-like subset): `attr op "value"` with
 * eq ne sw co ew gt ge lt le pr, joined by `and` / `or` (and binds tighter), `not`, parentheses.
 * Parse errors throw SearchSyntaxError, which routes answer with 400 E0000031.
 */

export type Expr =
  | { kind: 'cmp'; attr: string; op: string; value: string | number | boolean | null }
  | { kind: 'pr'; attr: string }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr };

export class SearchSyntaxError extends Error {}

const OPS = new Set(['eq', 'ne', 'sw', 'co', 'ew', 'gt', 'ge', 'lt', 'le']);

type Token = { t: 'word' | 'string' | '(' | ')'; v: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ t: c, v: c });
      i++;
    } else if (c === '"') {
      let v = '';
      i++;
      while (i < input.length && input[i] !== '"') {
        if (input[i] === '\\' && i + 1 < input.length) i++;
        v += input[i];
        i++;
      }
      if (i >= input.length) throw new SearchSyntaxError('Unterminated string literal');
      i++;
      tokens.push({ t: 'string', v });
    } else {
      let v = '';
      while (i < input.length && !/[\s()"]/.test(input[i] as string)) v += input[i++];
      tokens.push({ t: 'word', v });
    }
  }
  return tokens;
}

export function parseSearch(input: string): Expr {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (w: string) => peek()?.t === 'word' && peek()?.v.toLowerCase() === w;

  function primary(): Expr {
    const tok = tokens[pos++];
    if (!tok) throw new SearchSyntaxError('Unexpected end of expression');
    if (tok.t === '(') {
      const inner = orExpr();
      if (tokens[pos++]?.t !== ')') throw new SearchSyntaxError('Missing closing parenthesis');
      return inner;
    }
    if (tok.t === 'word' && tok.v.toLowerCase() === 'not') return { kind: 'not', expr: primary() };
    if (tok.t !== 'word' || !/^[A-Za-z_][\w.$-]*$/.test(tok.v)) {
      throw new SearchSyntaxError(`Expected an attribute name, found ${JSON.stringify(tok.v)}`);
    }
    const opTok = tokens[pos++];
    const op = opTok?.t === 'word' ? opTok.v.toLowerCase() : '';
    if (op === 'pr') return { kind: 'pr', attr: tok.v };
    if (!OPS.has(op)) throw new SearchSyntaxError(`Unknown operator ${JSON.stringify(opTok?.v ?? '')}`);
    const valTok = tokens[pos++];
    if (!valTok) throw new SearchSyntaxError(`Missing value after ${tok.v} ${op}`);
    let value: string | number | boolean | null;
    if (valTok.t === 'string') value = valTok.v;
    else if (valTok.t === 'word' && valTok.v === 'true') value = true;
    else if (valTok.t === 'word' && valTok.v === 'false') value = false;
    else if (valTok.t === 'word' && valTok.v === 'null') value = null;
    else if (valTok.t === 'word' && /^-?\d+(\.\d+)?$/.test(valTok.v)) value = Number(valTok.v);
    else throw new SearchSyntaxError(`Invalid value ${JSON.stringify(valTok.v)}; strings must be quoted`);
    return { kind: 'cmp', attr: tok.v, op, value };
  }
  function andExpr(): Expr {
    let left = primary();
    while (isWord('and')) {
      pos++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  }
  function orExpr(): Expr {
    let left = andExpr();
    while (isWord('or')) {
      pos++;
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  }
  if (!tokens.length) throw new SearchSyntaxError('Empty expression');
  const expr = orExpr();
  if (pos < tokens.length) throw new SearchSyntaxError(`Unexpected ${JSON.stringify(tokens[pos]?.v)}`);
  return expr;
}

/** Reads a dotted attribute (`profile.login`) from a JSON-ish record. */
export function attrOf(record: unknown, attr: string): unknown {
  let cur: unknown = record;
  for (const part of attr.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function compare(actual: unknown, op: string, expected: string | number | boolean | null): boolean {
  if (op === 'eq')
    return typeof actual === 'string' && typeof expected === 'string'
      ? actual.toLowerCase() === expected.toLowerCase()
      : actual === expected;
  if (op === 'ne') return !compare(actual, 'eq', expected);
  if (typeof actual !== 'string' && typeof actual !== 'number') return false;
  const a = typeof actual === 'string' ? actual.toLowerCase() : actual;
  const e = typeof expected === 'string' ? expected.toLowerCase() : expected;
  if (op === 'sw') return typeof a === 'string' && typeof e === 'string' && a.startsWith(e);
  if (op === 'ew') return typeof a === 'string' && typeof e === 'string' && a.endsWith(e);
  if (op === 'co') return typeof a === 'string' && typeof e === 'string' && a.includes(e);
  if (e === null || typeof e === 'boolean') return false;
  if (op === 'gt') return a > e;
  if (op === 'ge') return a >= e;
  if (op === 'lt') return a < e;
  return a <= e;
}

/** A predicate over records; `read` maps an attribute name to the record's value. */
export function matcher<T>(expr: Expr, read: (record: T, attr: string) => unknown): (record: T) => boolean {
  switch (expr.kind) {
    case 'cmp':
      return (r) => compare(read(r, expr.attr), expr.op, expr.value);
    case 'pr':
      return (r) => {
        const v = read(r, expr.attr);
        return v !== undefined && v !== null && v !== '';
      };
    case 'not': {
      const inner = matcher(expr.expr, read);
      return (r) => !inner(r);
    }
    case 'and': {
      const [l, rt] = [matcher(expr.left, read), matcher(expr.right, read)];
      return (r) => l(r) && rt(r);
    }
    case 'or': {
      const [l, rt] = [matcher(expr.left, read), matcher(expr.right, read)];
      return (r) => l(r) || rt(r);
    }
  }
}

/**
 * If the expression is `attr eq "a" or attr eq "b" ...` (one attribute, only eq, only or),
 * the values in order; lets routes answer id chains and login lookups from Maps.
 */
export function eqChain(expr: Expr, attr: string): string[] | undefined {
  if (expr.kind === 'cmp') {
    return expr.op === 'eq' && expr.attr === attr && typeof expr.value === 'string'
      ? [expr.value]
      : undefined;
  }
  if (expr.kind !== 'or') return undefined;
  const left = eqChain(expr.left, attr);
  const right = left && eqChain(expr.right, attr);
  return left && right ? [...left, ...right] : undefined;
}
