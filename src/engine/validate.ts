import { Messages } from '@salesforce/core';
import { Secret } from '../model/secret.js';
import type {
  ComponentResult,
  ComponentValidation,
  MetadataComponent,
  PlanItem,
  ValidationSummary,
} from '../model/component.js';
import type { CheckOutcome, OrgPort } from '../org/port.js';
import { createCredentialFields, isConnectedAppCreationBlocked } from '../org/platform-rules.js';
import { nameOf, typeOf } from './apply.js';
import { componentKey, planItemKey, PlanCollector } from './plan-collector.js';
import { itemsToSend } from './whole-apps.js';

export { PlanCollector };

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'validate');

/**
 * --validate: a dry run whose plans Salesforce itself checks. Every plan of the run is collected (the engine's onPlan
 * seam); the metadata it would create or update goes to Salesforce in ONE check-only deploy, each component as the
 * merged payload a real write sends (an External Client App whole, as a real run deploys it); Salesforce answers per
 * component and saves nothing. Records (users, permission
 * set assignments) are not metadata: a deploy cannot check them, so they are listed as not validated.
 *
 * A create may need credentials a dry run does not have (the RingCentral client secret not given yet; the ECI app's
 * key and secret, which exist only once the app is made): the deploy carries a placeholder for each, marked in the
 * result (`placeholders`), never saved (check-only) and never printed (a Secret).
 */

/** A value only ever sent in a check-only deploy, in place of a credential the run does not have yet. Alphanumeric, as consumer keys and secrets are. */
export const VALIDATION_PLACEHOLDER = 'EciValidatePlaceholderNeverSaved';

export type ValidateOptions = {
  /**
   * A refused create of a Connected App as the Spring '26 block is what `--app-type auto` answers with an External
   * Client App: such a refusal is then no refusal of the run; the External Client App is checked instead, when the
   * plan offers it (`alternatives`), else the Connected App is "not validated", saying so.
   */
  connectedAppFallback?: boolean;
  /** What a real run writes instead of a component Salesforce refuses, by its componentKey (PlanCollector). */
  alternatives?: ReadonlyMap<string, readonly PlanItem[]>;
};

export type PlanValidation = {
  summary: ValidationSummary;
  /** Each component's outcome by type and name (see withValidation). */
  byComponent: ReadonlyMap<string, ComponentValidation>;
};

/** The component a check-only deploy sends: a create gets a placeholder for every credential it lacks. */
function withPlaceholders(item: PlanItem & { component: MetadataComponent }): {
  component: MetadataComponent;
  placeholders: string[];
} {
  if (item.action !== 'create') return { component: item.component, placeholders: [] };
  const placeholders = createCredentialFields(item.component.type).filter((f) => !(f in item.component.fields));
  if (placeholders.length === 0) return { component: item.component, placeholders };
  const fields = { ...item.component.fields };
  for (const f of placeholders) fields[f] = new Secret(VALIDATION_PLACEHOLDER);
  return { component: { ...item.component, fields }, placeholders };
}

/** Sends what the plans would write in one check-only deploy and answers each component's outcome. */
export async function validatePlans(
  items: readonly PlanItem[],
  org: Pick<OrgPort, 'validateMetadata'>,
  options: ValidateOptions = {},
): Promise<PlanValidation> {
  const byComponent = new Map<string, ComponentValidation>();
  const writing = itemsToSend(items);
  for (const item of writing)
    if (item.component.kind === 'record')
      byComponent.set(planItemKey(item), {
        status: 'not-validated',
        message: messages.getMessage('notValidated.Record'),
      });
  const checked = await checkMetadata(writing, org);
  for (const { item, outcome, placeholders } of checked.outcomes) {
    const fallback = options.connectedAppFallback && isBlockedConnectedApp(item, outcome);
    const alternative = fallback ? options.alternatives?.get(planItemKey(item)) : undefined;
    byComponent.set(
      planItemKey(item),
      alternative
        ? await checkAlternative(alternative, outcome, org)
        : validationOf(outcome, placeholders, Boolean(fallback)),
    );
  }
  const count = (status: ComponentValidation['status']): number =>
    [...byComponent.values()].filter((v) => v.status === status).length;
  return {
    summary: {
      ...(checked.deployId ? { deployId: checked.deployId } : {}),
      accepted: count('accepted'),
      refused: count('refused'),
      notValidated: count('not-validated'),
    },
    byComponent,
  };
}

type Checked = { item: PlanItem; outcome: CheckOutcome; placeholders: string[] };

/** The metadata among the items in ONE check-only deploy (none when there is none), each with its outcome. */
async function checkMetadata(
  items: readonly PlanItem[],
  org: Pick<OrgPort, 'validateMetadata'>,
): Promise<{ deployId?: string; outcomes: Checked[] }> {
  const metadata = items
    .filter((i): i is PlanItem & { component: MetadataComponent } => i.component.kind === 'metadata')
    .map((item) => ({ item, ...withPlaceholders(item) }));
  if (metadata.length === 0) return { outcomes: [] };
  const checked = await org.validateMetadata(
    metadata.map(({ item, component }) => ({ component, current: item.current })),
  );
  return {
    ...(checked.deployId ? { deployId: checked.deployId } : {}),
    outcomes: metadata.map(({ item, placeholders }, i) => ({ item, outcome: checked.outcomes[i], placeholders })),
  };
}

/** A refused create of a Connected App as the Spring '26 block: what `--app-type auto` answers with another app. */
const isBlockedConnectedApp = (item: PlanItem, outcome: CheckOutcome): boolean =>
  item.component.kind === 'metadata' &&
  item.component.type === 'ConnectedApp' &&
  item.action === 'create' &&
  outcome.status === 'refused' &&
  isConnectedAppCreationBlocked(outcome.message, outcome.statusCode);

/** One component's outcome as its validation; a blocked Connected App under auto is not a refusal of the run. */
function validationOf(outcome: CheckOutcome, placeholders: string[], fallback: boolean): ComponentValidation {
  const marks = placeholders.length ? { placeholders } : {};
  if (outcome.status === 'accepted') return { status: 'accepted', ...marks };
  if (outcome.status === 'not-validated') return { status: 'not-validated', message: outcome.message, ...marks };
  if (fallback)
    return {
      status: 'not-validated',
      message: messages.getMessage('notValidated.ConnectedAppFallback', [outcome.message]),
      ...marks,
    };
  return {
    status: 'refused',
    message: outcome.message,
    ...(outcome.statusCode ? { statusCode: outcome.statusCode } : {}),
    ...marks,
  };
}

/**
 * The Connected App the org refuses, judged by what a real run makes instead (the External Client App, its own
 * check-only deploy): accepted when Salesforce accepts every component of it, refused when it refuses one.
 */
async function checkAlternative(
  alternative: readonly PlanItem[],
  blocked: CheckOutcome,
  org: Pick<OrgPort, 'validateMetadata'>,
): Promise<ComponentValidation> {
  const checked = await checkMetadata(alternative, org);
  const refused = checked.outcomes.filter((c) => c.outcome.status === 'refused');
  const open = checked.outcomes.filter((c) => c.outcome.status === 'not-validated');
  const reason = blocked.status === 'refused' ? blocked.message : '';
  const line = (c: Checked): string =>
    `${typeOf(c.item.component)} ${nameOf(c.item.component)}: ${'message' in c.outcome ? c.outcome.message : ''}`;
  const deployId = checked.deployId ?? '';
  if (refused.length)
    return {
      status: 'refused',
      message: messages.getMessage('alternative.Refused', [reason, deployId, refused.map(line).join('; ')]),
    };
  if (open.length || checked.outcomes.length === 0)
    return {
      status: 'not-validated',
      message: messages.getMessage('alternative.NotValidated', [reason, deployId, open.map(line).join('; ')]),
    };
  return { status: 'accepted', message: messages.getMessage('alternative.Accepted', [reason, deployId]) };
}

/**
 * The results with each one's validation laid on (components with nothing to write have none). A component the
 * plan would write that never reached the check (no plan of it was seen) is said to be not validated, never accepted.
 */
export function withValidation(results: readonly ComponentResult[], validation: PlanValidation): ComponentResult[] {
  return results.map((r) => {
    const v = validation.byComponent.get(componentKey(r.type, r.name));
    if (v) return { ...r, validation: v };
    if (r.action === 'unchanged' || r.status !== 'planned') return r;
    return { ...r, validation: { status: 'not-validated', message: messages.getMessage('notValidated.NotChecked') } };
  });
}
