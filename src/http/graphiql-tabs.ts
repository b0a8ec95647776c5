/** What GraphiQL's saved operations are made of; each domain's file (graphiql-*.ts) supplies its tabs. */

/** One saved GraphiQL tab. */
export interface ExampleTab {
  query: string;
  variables?: string;
}

/**
 * Which org the saved operations are for: the embedded demo org, whose named principals they can
 * show, or any other org, where they use `me` and what the org itself lists.
 */
export type ExampleOrg = 'demo' | 'any';

/** A domain's saved operations for that org. */
export type ExampleTabs = (org: ExampleOrg) => ExampleTab[];
