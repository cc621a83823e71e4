/*
 * ExtlClntAppOauthConfigurablePolicies: an External Client App's OAuth policies.
 *  - part of an External Client App (deploy only);
 *  - ipRelaxationPolicyType and refreshTokenValidityUnit are strings in the WSDL but take only the platform's values
 *    (Enforce, Bypass, Bypass_2factor, Enforce_RelaxRefresh; Days, Hours, Months);
 *  - a SpecificLifetime / SpecificInactivity refresh token policy needs a period and a unit;
 *  - commaSeparatedProfile names existing profiles.
 */
import { err, type MetadataRules } from '../metadata-store.js';
import { commaList, partErrors } from './external-client-app.js';

const IP_RELAXATION = ['Enforce', 'Bypass', 'Bypass_2factor', 'Enforce_RelaxRefresh'];
const UNITS = ['Days', 'Hours', 'Months'];

export const ExtlClntAppOauthConfigurablePoliciesRules: MetadataRules = {
  type: 'ExtlClntAppOauthConfigurablePolicies',
  keyPrefix: '0xP',
  folder: 'extlClntAppOauthPolicies',
  suffix: 'ecaOauthPlcy',
  validateWrite(ctx) {
    const errors = partErrors(ctx);
    if (errors.length) return errors;
    const { incoming, state } = ctx;
    if (
      incoming.ipRelaxationPolicyType !== undefined &&
      !IP_RELAXATION.includes(String(incoming.ipRelaxationPolicyType))
    ) {
      errors.push(
        err(
          'FIELD_INTEGRITY_EXCEPTION',
          `'${String(incoming.ipRelaxationPolicyType)}' is not a valid value for ipRelaxationPolicyType`,
          ['ipRelaxationPolicyType'],
        ),
      );
    }
    if (incoming.refreshTokenValidityUnit !== undefined && !UNITS.includes(String(incoming.refreshTokenValidityUnit))) {
      errors.push(
        err(
          'FIELD_INTEGRITY_EXCEPTION',
          `'${String(incoming.refreshTokenValidityUnit)}' is not a valid value for refreshTokenValidityUnit`,
          ['refreshTokenValidityUnit'],
        ),
      );
    }
    if (
      ['SpecificLifetime', 'SpecificInactivity'].includes(String(incoming.refreshTokenPolicyType)) &&
      (incoming.refreshTokenValidityPeriod === undefined || incoming.refreshTokenValidityUnit === undefined)
    ) {
      errors.push(
        err(
          'REQUIRED_FIELD_MISSING',
          'Required fields are missing: refreshTokenValidityPeriod, refreshTokenValidityUnit',
          ['refreshTokenValidityPeriod'],
        ),
      );
    }
    const known = new Set(state.records.all('Profile').map((p) => String(p.Name).toLowerCase()));
    for (const p of commaList(incoming.commaSeparatedProfile)) {
      if (!known.has(p.toLowerCase()))
        errors.push(
          err('FIELD_INTEGRITY_EXCEPTION', `In field: commaSeparatedProfile - no Profile named ${p} found`, [
            'commaSeparatedProfile',
          ]),
        );
    }
    return errors;
  },
};
