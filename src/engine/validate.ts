import { Messages } from '@salesforce/core';
import { Secret } from '../model/secret.js';
import type {
  ComponentResult,
  ComponentValidation,
  MetadataComponent,
  PlanItem,
  ValidationSummary,
} from '../model/component.js';
import type { OrgPort } from '../org/port.js';
import { componentKey, planItemKey, PlanCollector } from './plan-collector.js';

export { PlanCollector };
import { createCredentialFields, isConnectedAppCreationBlocked } from '../org/platform-rules.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@eci-tools/plugin-eci-ringcentral', 'validate');

/**
 * --validate: a dry run whose plans Salesforce itself checks. Every plan of the run is collected (the engine's onPlan
 * seam); the metadata it would create or update goes to Salesforce in ONE check-only deploy, each component as the
 * merged payload a real write sends; Salesforce answers per component and saves nothing. Records (users, permission
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
   * Client App: such a refusal is then no refusal of the run, but "not validated", saying so.
   */
  connectedAppFallback?: boolean;
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
  const writing = items.filter((i) => i.action !== 'unchanged');
  for (const item of writing)
    if (item.component.kind === 'record')
      byComponent.set(planItemKey(item), {
        status: 'not-validated',
        message: messages.getMessage('notValidated.Record'),
      });

  const metadata = writing
    .filter((i): i is PlanItem & { component: MetadataComponent } => i.component.kind === 'metadata')
    .map((item) => ({ item, ...withPlaceholders(item) }));
  let deployId: string | undefined;
  if (metadata.length > 0) {
    const checked = await org.validateMetadata(
      metadata.map(({ item, component }) => ({ component, current: item.current })),
    );
    deployId = checked.deployId;
    metadata.forEach(({ item, placeholders }, i) => {
      const outcome = checked.outcomes[i];
      const marks = placeholders.length ? { placeholders } : {};
      let validation: ComponentValidation;
      if (outcome.status === 'accepted') validation = { status: 'accepted', ...marks };
      else if (outcome.status === 'not-validated')
        validation = { status: 'not-validated', message: outcome.message, ...marks };
      else if (
        options.connectedAppFallback &&
        item.component.type === 'ConnectedApp' &&
        item.action === 'create' &&
        isConnectedAppCreationBlocked(outcome.message, outcome.statusCode)
      )
        validation = {
          status: 'not-validated',
          message: messages.getMessage('notValidated.ConnectedAppFallback', [outcome.message]),
          ...marks,
        };
      else
        validation = {
          status: 'refused',
          message: outcome.message,
          ...(outcome.statusCode ? { statusCode: outcome.statusCode } : {}),
          ...marks,
        };
      byComponent.set(planItemKey(item), validation);
    });
  }
  const count = (status: ComponentValidation['status']): number =>
    [...byComponent.values()].filter((v) => v.status === status).length;
  return {
    summary: {
      ...(deployId ? { deployId } : {}),
      accepted: count('accepted'),
      refused: count('refused'),
      notValidated: count('not-validated'),
    },
    byComponent,
  };
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
