import type { RecordComponent } from '../model/component.js';

/**
 * Guide task "Log In as the Integration User": profile System Administrator, "an ECI access permission set, and the
 * Conversation Insights Integration User permission set".
 */
export const INTEGRATION_USER_PROFILE = 'System Administrator';
/** The permission sets the integration user always gets, by label. */
export const INTEGRATION_USER_PERMISSION_SET_LABELS = ['Conversation Insights Integration User'] as const;
/**
 * The permission sets that grant ECI access, by the labels Salesforce Help documents ("Guidelines to Start Using
 * Einstein Conversation Insights", sales.ci_start.htm; "Considerations for Setting Up Einstein Conversation
 * Insights", sales.ci_considerations.htm), in that order: which one an org has depends on its licence, so the first
 * the org has is taken. No set is labelled "Einstein Conversation Insights".
 */
export const ECI_ACCESS_PERMISSION_SET_LABELS = [
  'Conversation Insights for Sales',
  'Sales Engagement Conversation Insights',
  'Einstein Conversation Insights Included',
  'Einstein Conversation Insights Standard',
  'Sales Cloud Bundle Included',
  'Conversation Insights for Service',
] as const;

/** Locale settings a new user needs (the platform requires them); taken from the user running the command. */
export type UserLocale = {
  TimeZoneSidKey: string;
  LocaleSidKey: string;
  EmailEncodingKey: string;
  LanguageLocaleKey: string;
};

export type IntegrationUserInputs = {
  username: string;
  email: string;
  firstName?: string;
  lastName: string;
  profileId: string;
  locale: UserLocale;
};

/** Up to 8 characters: the first name's initial and the last name, as Setup suggests. */
export function userAlias(firstName: string | undefined, lastName: string): string {
  const alias = `${(firstName ?? '').slice(0, 1)}${lastName}`.replace(/\s+/g, '').slice(0, 8);
  return alias || 'eciint';
}

/**
 * The integration user. The guide asks for the profile and an active user; names, email and locale are
 * what it is created with and stay the admin's afterwards (create-only), so a re-run never changes them.
 */
export function integrationUser(inputs: IntegrationUserInputs): RecordComponent {
  const createOnly = {
    Email: inputs.email,
    ...(inputs.firstName ? { FirstName: inputs.firstName } : {}),
    LastName: inputs.lastName,
    Alias: userAlias(inputs.firstName, inputs.lastName),
    ...inputs.locale,
  };
  return {
    kind: 'record',
    sobject: 'User',
    name: inputs.username,
    label: 'integration user',
    match: { Username: inputs.username },
    fields: { ProfileId: inputs.profileId, IsActive: true, ...createOnly },
    createOnlyFields: Object.keys(createOnly),
  };
}
