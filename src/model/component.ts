import type { Secret } from './secret.js';

/** A value a component wants a field to have. Secrets stay wrapped until the org layer sends them. */
export type FieldValue = string | number | boolean | Secret | FieldValue[] | { [field: string]: FieldValue };
export type Fields = { [field: string]: FieldValue };

/** A metadata component (Metadata API), e.g. the AuthProvider `Ring_Central`. */
export type MetadataComponent = {
  kind: 'metadata';
  /** Metadata type as in the WSDL, e.g. `AuthProvider`. */
  type: string;
  fullName: string;
  /** What the guide calls it, e.g. "RingCentral auth provider". */
  label: string;
  /** Desired fields (without fullName). Fields not named here are left as the admin set them. */
  fields: Fields;
  /**
   * Fields that are sent when the component is created and never compared or sent again: the platform
   * stores them write-only (secrets) or refuses to change them.
   */
  createOnlyFields?: readonly string[];
};

/** An sObject record (REST), e.g. a PermissionSetAssignment. Found by `match`, created with match + fields. */
export type RecordComponent = {
  kind: 'record';
  sobject: string;
  /** A readable name for plans and results, e.g. "Voice Connector Permission → guest user". */
  name: string;
  label: string;
  /** Field values that identify the record (used in the WHERE clause and sent on create). */
  match: { [field: string]: string | boolean };
  fields: Fields;
  createOnlyFields?: readonly string[];
};

export type DesiredComponent = MetadataComponent | RecordComponent;

/** A component as it is in the org, in the same typed form as the desired fields. */
export type CurrentState = { exists: false } | { exists: true; fields: Fields; id?: string };

/** What a plan does with a component: a teardown's plan deletes. */
export type ComponentAction = 'create' | 'update' | 'unchanged' | 'delete';
/** `deleted`: removed by this run; `gone`: a delete found it already removed (by an earlier attempt whose answer was lost). */
export type ComponentStatus =
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'planned'
  | 'failed'
  | 'skipped'
  | 'deleted'
  | 'gone';

export type FieldChange = {
  /** Dotted path, e.g. `oauthConfig.callbackUrl`. */
  field: string;
  /** Rendered current value; absent when the field is not set. Secrets are never rendered. */
  current?: string;
  desired: string;
};

export type ComponentResult = {
  /** Metadata type or sObject name. */
  type: string;
  /** fullName for metadata, the readable name for records. */
  name: string;
  label: string;
  /** What the plan found to do. */
  action: ComponentAction;
  /** What happened: `planned` in a dry run. */
  status: ComponentStatus;
  changes: FieldChange[];
  /**
   * Set when status is failed or skipped. For a refusal the plugin knows (org/platform-rules.ts): what it means,
   * the actions it asks of the admin, and the name of the error a step command ends with.
   */
  error?: {
    message: string;
    statusCode?: string;
    actions?: string[];
    name?: string;
    /** fault: the call did not get through (the session, a limit, the way there); outcome-unknown: its answer was lost. */
    meaning?: 'needs-action' | 'never' | 'blocked' | 'fault' | 'outcome-unknown';
  };
  /** With --validate: what Salesforce's check-only deploy said of this component (absent when nothing would be written). */
  validation?: ComponentValidation;
};

/**
 * What Salesforce said of a component the plan would write, in a check-only deploy (nothing saved): `accepted`,
 * `refused` (with its message), or `not-validated` (records, which are not metadata; a deploy that answered nothing
 * for it), with the reason.
 */
export type ComponentValidation = {
  status: 'accepted' | 'refused' | 'not-validated';
  /** Salesforce's words for a refusal; the reason a component was not validated. */
  message?: string;
  statusCode?: string;
  /** Fields sent with a placeholder value because the run does not have them yet (secrets); never saved. */
  placeholders?: string[];
};

/** The outcome of a whole --validate run: the check-only deploy's ID and how many components fared how. */
export type ValidationSummary = {
  deployId?: string;
  accepted: number;
  refused: number;
  notValidated: number;
};

export type PlanItem = {
  component: DesiredComponent;
  current: CurrentState;
  action: ComponentAction;
  changes: FieldChange[];
  /**
   * The components that must be written or deleted first: when one of them fails, this one is skipped (the ECI app is
   * deleted only once its auth provider is gone). Only the `skip-dependents` failure policy reads it.
   */
  after?: ReadonlyArray<{ type: string; name: string }>;
};

/** Something only a person can do (in a browser), handed over precisely: what, where, and why. */
export type NextStep = {
  title: string;
  /** The exact URL to open, when there is one. */
  url?: string;
  detail?: string;
};

/** A metadata component named only, to read what the org has under that name. */
export const metadataRef = (type: string, fullName: string, label = fullName): MetadataComponent => ({
  kind: 'metadata',
  type,
  fullName,
  label,
  fields: {},
});
