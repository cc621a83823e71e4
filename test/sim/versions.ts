/*
 * API versions the simulated org serves: 20.0 up to its newest, settings.maxApiVersion: 66.0 (Spring '26, the WSDL's
 * version) by default, 68.0 for a Winter '27 org. Types and fields are checked against the v66 WSDL at every version:
 * a field introduced after 66 is refused (the stricter reading), none the plugin uses is.
 */
import { WSDL } from './validate.js';

export const SPRING_26 = Number(WSDL.version);
export const WINTER_27 = 68;

const SEASONS = ['Winter', 'Spring', 'Summer'];
/** v20.0 is Winter '11; three releases a year. */
function releaseLabel(v: number): string {
  const k = v - 20;
  return `${SEASONS[k % 3]} '${String(11 + Math.floor(k / 3)).padStart(2, '0')}`;
}

/** What GET /services/data answers for an org whose newest version is `max`. */
export const apiVersions = (max = SPRING_26): Array<{ label: string; url: string; version: string }> =>
  Array.from({ length: max - 20 + 1 }, (_, i) => 20 + i).map((v) => ({
    label: releaseLabel(v),
    url: `/services/data/v${v}.0`,
    version: `${v}.0`,
  }));

export function versionOk(v: string, max = SPRING_26): boolean {
  const n = Number(v);
  return /^\d+\.0$/.test(v) && n >= 20 && n <= max;
}
